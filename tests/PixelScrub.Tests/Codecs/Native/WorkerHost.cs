using System.Buffers;
using System.Runtime.InteropServices;
using PixelScrub.Codecs;
using PixelScrub.Codecs.Native;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Codecs.Native;

/// <summary>
/// Entry point of the test assembly, so tests can start the codec worker as a real process the way the CLI's
/// hidden command will: <c>dotnet PixelScrub.Tests.dll __codec-worker</c>. The <c>__codec-worker-faulty</c> mode
/// adds two codecs that fault on purpose: one faults (SIGSEGV) inside native code, one never returns.
/// <c>__hold-output-lock OUT</c> takes OUT's output lock as a run does, says "held" on standard output and waits to be
/// killed: a lock holder that is one process with no children (see OutputLockTests).
/// </summary>
public static partial class WorkerHost
{
    public const string CrashUid = "1.2.826.0.1.3680043.10.1.999.1";
    public const string HangUid = "1.2.826.0.1.3680043.10.1.999.2";

    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "__codec-worker")
            return NativeCodecWorker.RunOnStandardStreams();
        if (args.Length == 1 && args[0] == "__codec-worker-faulty")
        {
            var codecs = NativeCodecWorker.DefaultCodecs().Add(new FaultyCodec());
            var output = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            return NativeCodecWorker.Run(Console.OpenStandardInput(), output, codecs);
        }

        if (args.Length == 2 && args[0] == "__hold-output-lock")
        {
            using var held = PixelScrub.Pipeline.OutputLock.Acquire(args[1]);
            Console.WriteLine("held");
            Thread.Sleep(Timeout.Infinite);
        }

        Console.Error.WriteLine("usage: PixelScrub.Tests.dll __codec-worker | __codec-worker-faulty | __hold-output-lock OUT (run the tests with dotnet test)");
        return 2;
    }

    /// <summary>How tests start the worker: the dotnet host running this assembly.</summary>
    internal static NativeCodecClient Client(bool faulty = false, TimeSpan? timeout = null) =>
        new(Host, [typeof(WorkerHost).Assembly.Location, faulty ? "__codec-worker-faulty" : "__codec-worker"], timeout);

    /// <summary>The dotnet host that runs this assembly (the test runner names it; else the one on PATH).</summary>
    internal static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";

    /// <summary>libc strlen: given an invalid address it faults inside native code, like a library bug would.</summary>
    [LibraryImport("libc", EntryPoint = "strlen")]
    private static partial nuint StrLen(nint text);

    private sealed class FaultyCodec : IFrameCodec
    {
        public IReadOnlyList<string> TransferSyntaxUids { get; } = [CrashUid, HangUid];

        public bool CanEncode(string transferSyntaxUid) => false;

        public bool IsLossless(string transferSyntaxUid) => false;

        public void Decode(string transferSyntaxUid, ReadOnlySpan<byte> compressedFrame, PixelLayout layout, Span<byte> destination, int frameIndex)
        {
            if (transferSyntaxUid == CrashUid) StrLen(16); // SIGSEGV inside native code, as a library fault would be
            Thread.Sleep(Timeout.Infinite);
        }

        public void Encode(string transferSyntaxUid, ReadOnlySpan<byte> nativeFrame, PixelLayout layout, IBufferWriter<byte> output, int frameIndex) =>
            throw new UnsupportedInputException("the faulty test codec does not encode");
    }
}
