namespace PixelScrub.Cli.Commands;

/// <summary>Exit codes (ARCHITECTURE.md): 0 every file written or quarantined by policy, 1 some file failed, 2 usage or configuration.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int Usage = 2;
}
