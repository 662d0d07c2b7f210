namespace PixelScrub.Network.Dimse;

/// <summary>Status (0000,0900) values used here (PS3.7 C, PS3.4 B.2.3).</summary>
internal static class DimseStatus
{
    public const ushort Success = 0x0000;

    /// <summary>Refused: SOP class not supported.</summary>
    public const ushort SopClassNotSupported = 0x0122;

    /// <summary>Refused: out of resources (the spool could not take the object).</summary>
    public const ushort OutOfResources = 0xA700;

    /// <summary>Error: data set does not match SOP class.</summary>
    public const ushort DataSetDoesNotMatch = 0xA900;

    /// <summary>Error: cannot understand.</summary>
    public const ushort CannotUnderstand = 0xC000;

    public static bool IsSuccess(ushort s) => s == Success;

    /// <summary>Warnings (0001, B000, B006, B007) mean the object was stored (PS3.4 B.2.3).</summary>
    public static bool IsStored(ushort s) => s is Success or 0x0001 or 0xB000 or 0xB006 or 0xB007;
}
