using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using PixelScrub.Network;

namespace PixelScrub.Cli.Commands;

/// <summary>What `echo` and `send` share: our calling AE title, and reading the peer's AE@HOST:PORT.</summary>
internal static class PeerOptions
{
    public static Option<string> CallingAe() =>
        new("--ae-title") { Description = "Our (calling) AE title (default PIXELSCRUB).", DefaultValueFactory = _ => "PIXELSCRUB" };

    /// <summary>Parses the peer and checks our AE title; a bad one is one line on stderr (the caller exits 2).</summary>
    public static bool TryPeer(string peerText, string callingAe, TextWriter stderr, [NotNullWhen(true)] out DicomAddress? peer)
    {
        try
        {
            peer = DicomAddress.Parse(peerText);
            DicomAddress.ValidateAeTitle(callingAe);
            return true;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            peer = null;
            return false;
        }
    }
}
