using System.Runtime.InteropServices;
using PixelScrub.Codecs.Native;

namespace PixelScrub.Cli.Tests;

/// <summary>
/// The pixWriteMem the native program exports for Tesseract (LineImageStore), called here through its address with
/// Leptonica's own functions: PNG asked, the image is stored serialized, and Leptonica's
/// pixReadMem gives back the same pixels; any other format is Leptonica's own. (NativeBuildTests shows Tesseract's
/// call binds to it in the native worker.)
/// </summary>
public sealed unsafe class LineImageStoreTests
{
    private const int FormatBmp = 1;

    [Fact]
    public void Png_asked_is_stored_serialized_and_read_back_pixel_for_pixel()
    {
        var lept = Leptonica.Load();
        nint pix = lept.Create(37, 11, 8);
        try
        {
            for (int y = 0; y < 11; y++)
            for (int x = 0; x < 37; x++)
                Assert.Equal(0, lept.SetPixel(pix, x, y, (uint)((x * 7 + y * 13) % 256)));

            var png = Write(pix, LineImageStore.FormatPng);
            Assert.Equal("spix"u8.ToArray(), png[..4]);
            nint back = Read(lept, png);
            try
            {
                int same;
                Assert.Equal(0, lept.Equal(pix, back, &same));
                Assert.Equal(1, same);
            }
            finally
            {
                lept.Destroy(&back);
            }

            var bmp = Write(pix, FormatBmp);
            Assert.Equal("BM"u8.ToArray(), bmp[..2]);
        }
        finally
        {
            lept.Destroy(&pix);
        }
    }

    private static byte[] Write(nint pix, int format)
    {
        byte* data = null;
        nuint size = 0;
        Assert.Equal(0, LineImageStore.Export(&data, &size, pix, format));
        try
        {
            Assert.True(size > 0);
            return new ReadOnlySpan<byte>(data, checked((int)size)).ToArray();
        }
        finally
        {
            NativeMemory.Free(data); // lept_free is free()
        }
    }

    private static nint Read(Leptonica lept, byte[] stored)
    {
        fixed (byte* p = stored)
        {
            nint pix = lept.ReadMem(p, (nuint)stored.Length);
            Assert.NotEqual(0, pix);
            return pix;
        }
    }

    private sealed class Leptonica
    {
        public delegate* unmanaged<int, int, int, nint> Create;
        public delegate* unmanaged<nint, int, int, uint, int> SetPixel;
        public delegate* unmanaged<nint*, void> Destroy;
        public delegate* unmanaged<byte*, nuint, nint> ReadMem;
        public delegate* unmanaged<nint, nint, int*, int> Equal;

        public static Leptonica Load()
        {
            nint h = 0;
            Assert.True(NativeLibraryNames.Leptonica.Any(l => NativeLibrary.TryLoad(l, out h)),
                $"Leptonica is not installed: install the Debian package {NativeLibraryNames.LeptonicaPackage}");
            return new Leptonica
            {
                Create = (delegate* unmanaged<int, int, int, nint>)NativeLibrary.GetExport(h, "pixCreate"),
                SetPixel = (delegate* unmanaged<nint, int, int, uint, int>)NativeLibrary.GetExport(h, "pixSetPixel"),
                Destroy = (delegate* unmanaged<nint*, void>)NativeLibrary.GetExport(h, "pixDestroy"),
                ReadMem = (delegate* unmanaged<byte*, nuint, nint>)NativeLibrary.GetExport(h, "pixReadMem"),
                Equal = (delegate* unmanaged<nint, nint, int*, int>)NativeLibrary.GetExport(h, "pixEqual"),
            };
        }
    }
}
