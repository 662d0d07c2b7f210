using System.Runtime.InteropServices;
using System.Text;

namespace PixelScrub.Codecs.Native;

/// <summary>Collects OpenJPEG's error messages (opj_set_error_handler) for one codec so failures can say why.</summary>
internal sealed unsafe class OpenJpegMessages : IDisposable
{
    private readonly StringBuilder _errors = new();
    private GCHandle _handle;

    public OpenJpegMessages() => _handle = GCHandle.Alloc(this);

    public void Attach(OpenJpegApi api, nint codec)
    {
        api.SetErrorHandler(codec, &OnError, (void*)GCHandle.ToIntPtr(_handle));
        api.SetWarningHandler(codec, &OnWarning, null);
    }

    public string Errors => _errors.Length == 0 ? "no detail given" : _errors.ToString().Trim();

    [UnmanagedCallersOnly]
    private static void OnError(byte* message, void* client)
    {
        if (client == null || message == null) return;
        if (GCHandle.FromIntPtr((nint)client).Target is OpenJpegMessages sink && sink._errors.Length < 4096)
            sink._errors.Append(Marshal.PtrToStringUTF8((nint)message)?.Trim()).Append("; ");
    }

    [UnmanagedCallersOnly]
    private static void OnWarning(byte* message, void* client)
    {
        // Warnings are not failures; strict mode turns truncation into an error.
    }

    public void Dispose()
    {
        if (_handle.IsAllocated) _handle.Free();
    }
}
