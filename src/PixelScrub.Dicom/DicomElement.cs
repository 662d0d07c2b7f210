namespace PixelScrub.Dicom;

/// <summary>A data element: tag, VR and value bytes as encoded. Sequences and fragments are subclasses.</summary>
public class DicomElement
{
    public DicomElement(DicomTag tag, DicomVR vr, ElementValue value)
    {
        Tag = tag;
        VR = vr;
        Value = value;
    }

    public DicomTag Tag { get; }
    public DicomVR VR { get; }
    public ElementValue Value { get; }

    /// <summary>Offset of the element's header in the source, or -1 for elements made in memory.</summary>
    public long SourceOffset { get; init; } = -1;

    /// <summary>Value length as encoded; for sequences and fragments the length of their content.</summary>
    public virtual long Length => Value.Length;

    public override string ToString() => $"{Tag} {VR.Code} ({Length} bytes)";
}

/// <summary>A sequence (SQ, or UN of undefined length holding implicit VR LE items, PS3.5 6.2.2).</summary>
public sealed class DicomSequence : DicomElement
{
    public DicomSequence(DicomTag tag, DicomVR vr, bool undefinedLength) : base(tag, vr, ElementValue.Empty)
    {
        UndefinedLength = undefinedLength;
    }

    public List<DicomDataset> Items { get; } = [];

    /// <summary>Encoded with undefined length and a sequence delimitation item.</summary>
    public bool UndefinedLength { get; set; }

    /// <summary>Items are encoded implicit VR little endian whatever the transfer syntax (a UN sequence, PS3.5 6.2.2).</summary>
    public bool ItemsImplicitLittleEndian { get; init; }

    public override long Length => -1;
    public override string ToString() => $"{Tag} {VR.Code} ({Items.Count} items)";
}

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item and the fragments, each as a value that may stay in
/// the source file. Frame boundaries come from the Basic or Extended Offset Table, or one frame per fragment.
/// </summary>
public sealed class DicomFragments : DicomElement
{
    public DicomFragments(DicomTag tag, DicomVR vr, ElementValue offsetTable, IReadOnlyList<ElementValue> fragments, IReadOnlyList<long> fragmentOffsets)
        : base(tag, vr, ElementValue.Empty)
    {
        OffsetTable = offsetTable;
        Fragments = fragments;
        FragmentOffsets = fragmentOffsets;
    }

    /// <summary>The value of the first item, the Basic Offset Table (may be empty).</summary>
    public ElementValue OffsetTable { get; }

    public IReadOnlyList<ElementValue> Fragments { get; }

    /// <summary>For each fragment, the offset of its item header relative to the first fragment's item header
    /// (the numbers a Basic Offset Table holds).</summary>
    public IReadOnlyList<long> FragmentOffsets { get; }

    public override long Length => -1;
    public override string ToString() => $"{Tag} {VR.Code} (encapsulated, {Fragments.Count} fragments)";
}
