using System.Runtime.InteropServices;

namespace PixelScrub.Codecs.Native;

/// <summary>
/// Loads a shared library with <see cref="NativeLibrary.TryLoad(string, out nint)"/> and resolves its exports.
/// A missing library or export is an <see cref="UnsupportedInputException"/> naming the package to install.
/// </summary>
internal static class NativeLibraryLoader
{
    public static nint Load(string library, string package, string purpose)
    {
        if (NativeLibrary.TryLoad(library, out nint handle)) return handle;
        throw new UnsupportedInputException(
            $"{purpose} needs the native library {library}, which is not installed: install it with `apt-get install {package}`");
    }

    public static nint Export(nint handle, string library, string package, string name)
    {
        if (NativeLibrary.TryGetExport(handle, name, out nint address)) return address;
        throw new UnsupportedInputException(
            $"{library} does not export {name}: it is not the version PixelScrub needs; install the Debian package {package}");
    }
}
