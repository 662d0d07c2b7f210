namespace PixelScrub.Network.Dimse;

/// <summary>Command Field (0000,0100) values used here (PS3.7 E.1).</summary>
internal static class CommandField
{
    public const ushort CStoreRequest = 0x0001;
    public const ushort CStoreResponse = 0x8001;
    public const ushort CEchoRequest = 0x0030;
    public const ushort CEchoResponse = 0x8030;
}
