namespace PixelScrub.Rules;

/// <summary>
/// One step of a field path: a fixed tag, or a private element named by group, creator and element byte
/// (resolved per header, because the creator's block differs between files; PS3.5 7.8.1).
/// </summary>
internal readonly record struct FieldStep(uint Tag, string? Creator = null, byte PrivateElement = 0)
{
    public bool IsPrivateByCreator => Creator is not null;

    public ushort Group => (ushort)(Tag >> 16);

    public bool TryResolve(IHeaderValues header, out uint tag)
    {
        if (Creator is null)
        {
            tag = Tag;
            return true;
        }

        return header.TryFindPrivateTag(Group, Creator, PrivateElement, out tag);
    }

    /// <summary>Canonical text: "(gggg,eeee)" or "(gggg,[creator]ee)".</summary>
    public override string ToString() => Creator is null
        ? $"({Tag >> 16:X4},{Tag & 0xFFFF:X4})"
        : $"({Group:X4},[{Creator}]{PrivateElement:X2})";
}
