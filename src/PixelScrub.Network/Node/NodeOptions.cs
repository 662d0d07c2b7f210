using System.Net;
using PixelScrub.Network.Upper;
using PixelScrub.Pipeline;

namespace PixelScrub.Network.Node;

/// <summary>Everything `pixelscrub listen` needs; passed explicitly.</summary>
public sealed record NodeOptions
{
    public required string AeTitle { get; init; }
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0: any free port (see <see cref="DicomNode.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Calling AE titles allowed to associate; empty: any.</summary>
    public IReadOnlyList<string> AllowedCallingAes { get; init; } = [];

    /// <summary>The spool: incoming/ (received, durable, not yet cleaned), outgoing/ (cleaned, waiting to be forwarded), the forward ledger.</summary>
    public required string SpoolDirectory { get; init; }

    /// <summary>
    /// The pipeline's options, as `clean` takes them. Its OutputDirectory is the output folder (--out) or the spool's
    /// outgoing/ queue (--forward); Inputs is unused; Resume is ignored (the node is idempotent by SOP Instance UID).
    /// </summary>
    public required BatchOptions Pipeline { get; init; }

    /// <summary>Forward cleaned and passed objects to this peer by C-STORE; null: leave them in the output folder.</summary>
    public DicomAddress? Forward { get; init; }

    /// <summary>Refuse presentation contexts whose transfer syntaxes PixelScrub cannot clean (default: accept and quarantine).</summary>
    public bool RefuseUncleanable { get; init; }

    public int MaxAssociations { get; init; } = 8;

    /// <summary>Objects received and not yet cleaned before C-STORE responses are held back (back-pressure).</summary>
    public int MaxPending { get; init; } = 256;

    /// <summary>
    /// Objects the spool may hold in all (waiting to be cleaned, or cleaned and waiting to be forwarded: a peer that is
    /// down fills the queue). At the limit C-STORE responses are held back, then refused (Out of Resources).
    /// </summary>
    public int MaxSpooled { get; init; } = 10_000;

    /// <summary>Free disk space to keep beside the spool: below it new objects are refused (Out of Resources).</summary>
    public long MinFreeBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How long a C-STORE response is held back while the spool is full before the object is refused.</summary>
    public TimeSpan HoldLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SOP Instance UIDs the forwarded ledger (SPOOL/forwarded.txt) keeps beyond those still in the spool: a sender's
    /// re-send of one of the last this many forwarded objects is not forwarded again. The ledger is compacted to these
    /// (plus every UID with a copy still in incoming/ or outgoing/, which a restart could send again) when it reaches twice as many.
    /// </summary>
    public int ForwardLedgerKeep { get; init; } = 100_000;

    internal AssociationLimits Limits { get; init; } = new();

    /// <summary>First wait after a failed forward; doubled per failure up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The node's own JSONL event log; default SPOOL/node.jsonl.</summary>
    public string? LogPath { get; init; }

    public string ResolvedLog => LogPath ?? Path.Combine(Path.GetFullPath(SpoolDirectory), "node.jsonl");
}
