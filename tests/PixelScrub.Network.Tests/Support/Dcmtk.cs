using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PixelScrub.Dicom;
using PixelScrub.Tests.Support;

namespace PixelScrub.Network.Tests.Support;

/// <summary>DCMTK's network tools as real peers: storescu and echoscu send to us, storescp receives what we forward.</summary>
internal static class Dcmtk
{
    /// <summary>A free TCP port on loopback (bound and released; the OS does not hand it out again at once).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>The storescu option proposing a file's transfer syntax (PS3.5 A.4 UIDs); null when storescu has none.</summary>
    public static string? ProposeOption(string transferSyntaxUid) => transferSyntaxUid switch
    {
        "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.2" => "-x=",
        "1.2.840.10008.1.2.1.99" => "-xd",
        "1.2.840.10008.1.2.4.50" => "-xy",
        "1.2.840.10008.1.2.4.51" => "-xx",
        "1.2.840.10008.1.2.4.70" => "-xs",
        "1.2.840.10008.1.2.4.80" => "-xt",
        "1.2.840.10008.1.2.4.81" => "-xu",
        "1.2.840.10008.1.2.4.90" => "-xv",
        "1.2.840.10008.1.2.4.91" => "-xw",
        "1.2.840.10008.1.2.5" => "-xr",
        _ => null,
    };

    /// <summary>Sends files with storescu (one run per transfer syntax, proposing it); returns storescu's output of every run.</summary>
    public static string StoreScu(string calledAe, int port, IEnumerable<string> files, string callingAe = "STORESCU", bool expectSuccess = true)
    {
        var log = new System.Text.StringBuilder();
        foreach (var group in files.GroupBy(f => ProposeOption(TransferSyntaxOf(f)) ?? throw new InvalidOperationException($"storescu cannot propose the syntax of {f}")))
        {
            var (code, o, e) = ReferenceTool.Run("storescu", ["-v", "-aet", callingAe, "-aec", calledAe, group.Key, "127.0.0.1", port.ToString(), .. group], 120_000);
            log.Append(o).Append(e);
            if (expectSuccess && code != 0) throw new InvalidOperationException($"storescu failed ({code}): {o}\n{e}");
        }

        return log.ToString();
    }

    public static string TransferSyntaxOf(string file)
    {
        using var f = DicomFile.Open(file, DicomReadOptions.Header);
        return f.TransferSyntax.Uid;
    }

    public static string SopInstanceOf(string file)
    {
        using var f = DicomFile.Open(file, DicomReadOptions.Header);
        return f.Dataset.GetString(new DicomTag(0x0008, 0x0018))!;
    }

    /// <summary>storescp on a free port writing each object it receives, byte for byte (+B), under a unique name (+uf).</summary>
    public sealed class StoreScp : IDisposable
    {
        private readonly Process _process;

        public StoreScp(string aeTitle, string directory)
        {
            System.IO.Directory.CreateDirectory(directory);
            Directory = directory;
            AeTitle = aeTitle;
            Port = FreePort();
            var psi = new ProcessStartInfo(ReferenceTool.Require("storescp")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-aet", aeTitle, "+xa", "+B", "+uf", "-od", directory, Port.ToString() }) psi.ArgumentList.Add(a);
            _process = Process.Start(psi)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var until = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    using var c = new TcpClient();
                    c.Connect(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }

            throw new InvalidOperationException("storescp did not start listening");
        }

        public string Directory { get; }
        public string AeTitle { get; }
        public int Port { get; }
        public DicomAddress Address => new(AeTitle, "127.0.0.1", Port);

        /// <summary>The files storescp wrote (its temp files excluded).</summary>
        public string[] Files() => System.IO.Directory.GetFiles(Directory).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(true);
            _process.WaitForExit(5000);
            _process.Dispose();
        }
    }

    /// <summary>The bytes after the file meta group (PS3.10 7.1): the data set as it was encoded.</summary>
    public static byte[] DataSetBytes(string path)
    {
        using var f = DicomFile.Open(path, DicomReadOptions.Header);
        var all = File.ReadAllBytes(path);
        return all[(int)f.DatasetOffset..];
    }

    /// <summary>
    /// The data set of a file for comparison, as DCMTK re-encodes it (dcmconv: data set only, explicit lengths, no group
    /// lengths; native syntaxes as Explicit VR Little Endian): storescu re-encodes what it sends the same way, so two
    /// files holding the same data compare equal byte for byte, and any change of a value or a pixel does not.
    /// </summary>
    public static byte[] Normalized(string path, string work)
    {
        var ts = TransferSyntax.FromUid(TransferSyntaxOf(path));
        var dest = Path.Combine(work, Guid.NewGuid().ToString("N") + ".dcm");
        string[] args = ts.IsEncapsulated ? ["+e", "-g", "-F", path, dest] : ["+te", "+e", "-g", "-F", path, dest];
        var (code, o, e) = ReferenceTool.Run("dcmconv", args);
        if (code != 0) throw new InvalidOperationException($"dcmconv failed on {path}: {o} {e}");
        return WithoutTrailingPadding(File.ReadAllBytes(dest));
    }

    /// <summary>
    /// Drops a final Data Set Trailing Padding element (FFFC,FFFC), explicit VR OB: storescu leaves it out of what it sends
    /// (PS3.5 7.1: it carries no information), so it is not a difference of ours.
    /// </summary>
    private static byte[] WithoutTrailingPadding(byte[] data)
    {
        ReadOnlySpan<byte> header = [0xFC, 0xFF, 0xFC, 0xFF, (byte)'O', (byte)'B', 0, 0];
        for (int at = data.AsSpan().LastIndexOf(header); at >= 0; at = data.AsSpan(0, at).LastIndexOf(header))
        {
            if (at + 12 <= data.Length && at + 12 + BitConverter.ToUInt32(data, at + 8) == data.Length) return data[..at];
        }

        return data;
    }
}
