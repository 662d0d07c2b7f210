using PixelScrub.Dicom;
using PixelScrub.Masks;
using PixelScrub.Rules;

namespace PixelScrub.Pipeline.Stages;

/// <summary>
/// One file on its way through the stages: what it is, what the stages learned and did, and how it ended. Stages read and
/// add to it; the pipeline turns it into a report row (<see cref="FileOutcome"/>) at the end. Owns the open
/// <see cref="File"/> (spooled frames are released on <see cref="Dispose"/>).
/// </summary>
public sealed class WorkItem(InputFile input, long bytes) : IDisposable
{
    private readonly List<string> _notes = [];
    private readonly List<string> _methods = [];

    public InputFile Input { get; } = input;

    /// <summary>Size of the input in bytes.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>
    /// SHA-256 of the input (hex), for the resume ledger: taken before the other stages when the ledger has an entry for
    /// the file (to skip it if done), otherwise while a sink copies the input (passed, quarantined), otherwise once the
    /// file is done (cleaned: written from the dataset, not copied).
    /// </summary>
    public string? Sha256 { get; set; }

    /// <summary>The ledger wants <see cref="Sha256"/> and it was not taken up front: a sink that reads the whole input hashes it as it copies.</summary>
    public bool HashWhileCopying { get; set; }

    /// <summary>The file: header only after the read stage; pixel data and trailing elements after <see cref="EnsureWhole"/>.</summary>
    public DicomFile? File { get; set; }

    /// <summary>The header as read, kept for the header stage when a header spec is given (null otherwise).</summary>
    public DicomDataset? OriginalHeader { get; set; }

    /// <summary>The rules' verdict on the original header.</summary>
    public Detection? Detection { get; set; }

    /// <summary>What the decide stage chose (Pass until it runs).</summary>
    public Decision Decision { get; set; } = Decision.Pass;

    /// <summary>Why, in words (the report's reason for passed and cleaned files).</summary>
    public string? DecisionReason { get; set; }

    /// <summary>The mask to clean with when <see cref="Decision"/> is Clean; stages may add regions before pixel cleaning.</summary>
    public PixelMask? Mask { get; set; }

    /// <summary>Why the text stages read this file (the triage reason); null when they did not.</summary>
    public string? TextTriage { get; set; }

    /// <summary>The text read from the original pixels and judged (redact mode), or from the output (verify).</summary>
    public IReadOnlyList<Text.TextFinding>? TextFindings { get; set; }

    /// <summary>PHI text verification found in what was about to be written (the file then went to quarantine).</summary>
    public IReadOnlyList<Text.TextFinding>? ResidualText { get; set; }

    /// <summary>The dataset was changed: the output is written from <see cref="File"/>, not copied from the input.</summary>
    public bool Modified { get; set; }

    /// <summary>Pixels were cleaned (the report's status is "cleaned" rather than "passed").</summary>
    public bool Cleaned { get; set; }

    /// <summary>How many pixels were cleaned (per frame, summed).</summary>
    public long PixelsCleaned { get; set; }

    /// <summary>Notes for the report row, in the order stages added them.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>How the file was written ("native rows", "JPEG DCT domain", a transcode), joined with "; " in the report.</summary>
    public IReadOnlyList<string> Methods => _methods;

    public void AddNote(string note) => _notes.Add(note);
    public void AddNotes(IEnumerable<string> notes) => _notes.AddRange(notes);
    public void AddMethod(string method) => _methods.Add(method);

    /// <summary>Where the output (or the quarantined copy) went, once a sink took the item.</summary>
    public string? Output { get; set; }

    /// <summary>True once a stage ended the item; later stages (but those that run on ended items) are skipped.</summary>
    public bool Ended => EndStatus is not null;

    /// <summary>How the item ended: Quarantined, Failed or Skipped (null while it goes on).</summary>
    public FileStatus? EndStatus { get; private set; }

    /// <summary>Why it ended.</summary>
    public string? EndReason { get; private set; }

    /// <summary>The report's decision column for an ended item ("quarantine", "failed"); null: the decision's name.</summary>
    public string? EndDecision { get; private set; }

    /// <summary>
    /// Ends the item: <see cref="FileStatus.Quarantined"/> (set aside for review by policy) or <see cref="FileStatus.Failed"/>
    /// (could not be processed) go to quarantine with the reason; <see cref="FileStatus.Skipped"/> needs no output.
    /// The first end wins: a later call (a fault while quarantining) adds its reason as a note.
    /// </summary>
    public void End(FileStatus status, string reason, string? decision = null)
    {
        if (status is FileStatus.Passed or FileStatus.Cleaned) throw new ArgumentException("an item ends as quarantined, failed or skipped", nameof(status));
        if (Ended)
        {
            AddNote(reason);
            return;
        }

        EndStatus = status;
        EndReason = reason;
        EndDecision = decision;
    }

    /// <summary>The status the report gives the item now.</summary>
    public FileStatus Status => EndStatus ?? (Cleaned ? FileStatus.Cleaned : FileStatus.Passed);

    /// <summary>Reads the rest of the file (pixel data and what follows) if the header stage stopped before it.</summary>
    public DicomFile EnsureWhole()
    {
        var file = File ?? throw new InvalidOperationException("the file has not been read");
        file.ReadRemainder();
        return file;
    }

    public void Dispose() => File?.Dispose();
}
