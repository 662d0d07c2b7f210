using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PixelScrub.Review;

/// <summary>
/// Review state and the audit log, in one SQLite file beside the output (OUT.review.sqlite): the state of each file
/// (to review, applied, released, kept, with the note) and one row per decision (time, file, action, regions, rule
/// written, reviewer, result). Audit rows are only ever appended. One connection, used under a lock.
/// </summary>
internal sealed class ReviewStore : IDisposable
{
    public const string ToReview = "to review", Applied = "applied", Released = "released", Kept = "kept";

    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    public ReviewStore(string path)
    {
        try
        {
            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            _db.Open();
            Execute("""
                CREATE TABLE IF NOT EXISTS state (file_id TEXT PRIMARY KEY, input TEXT NOT NULL, state TEXT NOT NULL, note TEXT, updated TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, file_id TEXT NOT NULL, input TEXT NOT NULL,
                  action TEXT NOT NULL, regions TEXT, rule TEXT, rules_file TEXT, reviewer TEXT NOT NULL, result TEXT);
                """);
        }
        catch (SqliteException ex)
        {
            throw new ReviewSetupException($"cannot open the review state {path}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // The native build needs libe_sqlite3.so beside the program serving the page (pixelscrub-review; tools/publish.sh puts it there).
            throw new ReviewSetupException(
                $"cannot load SQLite for the review state (libe_sqlite3.so, which belongs beside the pixelscrub and pixelscrub-review programs): {ex.GetBaseException().Message.Split('\n')[0]}", ex);
        }

        Path = path;
    }

    public string Path { get; }

    public (string State, string? Note) StateOf(string fileId)
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT state, note FROM state WHERE file_id = $id", ("$id", fileId));
            using var r = cmd.ExecuteReader();
            return r.Read() ? (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : (ToReview, null);
        }
    }

    public Dictionary<string, string> AllStates()
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT file_id, state FROM state");
            using var r = cmd.ExecuteReader();
            var all = new Dictionary<string, string>(StringComparer.Ordinal);
            while (r.Read()) all[r.GetString(0)] = r.GetString(1);
            return all;
        }
    }

    /// <summary>Sets a file's state and appends the audit row, in one transaction.</summary>
    public void Record(string fileId, string input, string? state, string? note, string action, string? regions, string? rule, string? rulesFile,
        string reviewer, string? result)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            string now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            if (state is not null)
            {
                using var set = Command("INSERT INTO state (file_id, input, state, note, updated) VALUES ($id, $input, $state, $note, $now) " +
                    "ON CONFLICT(file_id) DO UPDATE SET state = $state, note = $note, updated = $now",
                    ("$id", fileId), ("$input", input), ("$state", state), ("$note", note), ("$now", now));
                set.Transaction = tx;
                set.ExecuteNonQuery();
            }

            using var audit = Command("INSERT INTO audit (time, file_id, input, action, regions, rule, rules_file, reviewer, result) " +
                "VALUES ($now, $id, $input, $action, $regions, $rule, $rules, $reviewer, $result)",
                ("$now", now), ("$id", fileId), ("$input", input), ("$action", action), ("$regions", regions), ("$rule", rule), ("$rules", rulesFile),
                ("$reviewer", reviewer), ("$result", result));
            audit.Transaction = tx;
            audit.ExecuteNonQuery();
            tx.Commit();
        }
    }

    public IReadOnlyList<AuditRow> AuditOf(string fileId)
    {
        lock (_lock)
        {
            using var cmd = Command("SELECT time, action, regions, rule, reviewer, result FROM audit WHERE file_id = $id ORDER BY seq", ("$id", fileId));
            using var r = cmd.ExecuteReader();
            var rows = new List<AuditRow>();
            while (r.Read())
            {
                rows.Add(new AuditRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
            }

            return rows;
        }
    }

    private void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, string? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        return cmd;
    }

    public void Dispose() => _db.Dispose();
}
