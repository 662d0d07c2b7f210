namespace PixelScrub.Network.Scu;

/// <summary>The outcome of sending one file: the C-STORE status (null when it was not sent) and an error in words.</summary>
public sealed record StoreResult(string Path, string? SopInstanceUid, ushort? Status, string? Error, long Bytes)
{
    /// <summary>The peer stored it (success or a warning status, PS3.4 B.2.3).</summary>
    public bool Stored => Status is ushort s && Dimse.DimseStatus.IsStored(s);
}
