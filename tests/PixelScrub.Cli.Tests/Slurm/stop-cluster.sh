#!/bin/bash
# Stops exactly the daemons start-cluster.sh DIR started (their pids in DIR/pids), and waits for them to end.
dir=${1:?usage: stop-cluster.sh DIR}
[ -f "$dir/pids" ] || exit 0
mapfile -t pids < "$dir/pids"
for pid in "${pids[@]}"; do [ -n "$pid" ] && kill "$pid" 2> /dev/null; done
for _ in $(seq 100); do
    alive=0
    for pid in "${pids[@]}"; do [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null && alive=1; done
    [ $alive = 0 ] && exit 0
    sleep 0.1
done
for pid in "${pids[@]}"; do [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null; done
exit 0
