using PixelScrub.Imaging;
using PixelScrub.Pixels;

namespace PixelScrub.Tests.Imaging;

/// <summary>Random layouts, parameters and bytes: rendering either succeeds with an image of the frame's size or
/// throws our exception; nothing else escapes and nothing hangs.</summary>
public sealed class RenderFuzzTests
{
    private static readonly string[] Photometrics = ["MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", "YBR_ICT", ""];

    [Fact]
    public void RandomLayoutsRenderOrFailWithOurException()
    {
        var rng = new Random(20261121);
        int rendered = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            // Mostly plausible values (so rendering code runs), sometimes anything.
            int[] allocated = [1, 8, 8, 16, 16, 32, 64, 12];
            int bitsAllocated = allocated[rng.Next(allocated.Length)];
            string photometric = Photometrics[rng.Next(Photometrics.Length)];
            bool colour = photometric is "RGB" or "YBR_FULL" or "YBR_FULL_422";
            var format = bitsAllocated switch
            {
                32 when rng.Next(2) == 0 => SampleFormat.Float32,
                64 => SampleFormat.Float64,
                _ => rng.Next(8) == 0 ? (SampleFormat)rng.Next(3) : SampleFormat.Integer,
            };
            var layout = new PixelLayout
            {
                Rows = rng.Next(8) == 0 ? rng.Next(-1, 2) : rng.Next(1, 9),
                Columns = rng.Next(8) == 0 ? rng.Next(-1, 2) : rng.Next(1, 9) * 2,
                SamplesPerPixel = rng.Next(6) == 0 ? rng.Next(0, 5) : colour ? 3 : 1,
                BitsAllocated = bitsAllocated,
                BitsStored = rng.Next(4) == 0 ? rng.Next(0, bitsAllocated + 2) : Math.Max(1, bitsAllocated - rng.Next(0, 5)),
                HighBit = rng.Next(2) == 0 ? -1 : rng.Next(-1, bitsAllocated + 1),
                IsSigned = rng.Next(2) == 1,
                Photometric = photometric,
                PlanarConfiguration = rng.Next(8) == 0 ? rng.Next(-1, 3) : rng.Next(2),
                BigEndian = rng.Next(2) == 1,
                Format = format,
            };
            var data = new byte[rng.Next(8) == 0 ? rng.Next(0, 64) : 1200];
            rng.NextBytes(data);
            var p = new RenderParameters
            {
                RescaleSlope = rng.Next(3) == 0 ? double.NaN : rng.NextDouble() * 4 - 2,
                RescaleIntercept = rng.Next(-2000, 2000),
                Windows = rng.Next(2) == 0 ? [] : [new VoiWindow(rng.Next(-500, 500), rng.Next(-2, 1000))],
                VoiFunction = (VoiFunction)rng.Next(3),
                Voi = (VoiSelection)rng.Next(4),
                VoiIndex = rng.Next(-1, 2),
                ModalityLut = rng.Next(4) == 0 ? new LookupTable(rng.Next(-10, 10), 12, [1, 2, 3000]) : null,
                VoiLuts = rng.Next(4) == 0 ? [new LookupTable(0, 16, [0, 65535])] : [],
                RedPalette = rng.Next(2) == 0 ? new LookupTable(0, 16, [0, 65535, 300]) : null,
                GreenPalette = new LookupTable(0, 8, [1, 2, 3]),
                BluePalette = new LookupTable(5, 16, [7]),
            };

            try
            {
                var image = FrameRenderer.Render(data, layout, p);
                Assert.Equal((layout.Columns, layout.Rows), (image.Width, image.Height));
                Assert.Equal(image.Width * image.Height * image.Channels, image.Pixels.Length);
                rendered++;
            }
            catch (PixelScrubException)
            {
            }
        }
        Assert.True(rendered >= 200, $"{rendered} rendered of 3000"); // the generator reaches the rendering code, not only the checks
    }

    [Fact]
    public void RandomSegmentedLutsExpandOrFailWithOurException()
    {
        var rng = new Random(7);
        int expanded = 0, refused = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] words;
            int count;
            if (rng.Next(2) == 0)
            {
                // A well-formed table (PS3.3 C.7.9.2): a discrete segment first (opcode 0, length, values), then discrete
                // or linear segments (opcode 1, length, end value); the count is what the standard says they expand to,
                // and sometimes one word is changed afterwards.
                var list = new List<int>();
                count = 0;
                for (int segment = 0, segments = rng.Next(1, 5); segment < segments; segment++)
                {
                    int n = rng.Next(1, 12);
                    count += n;
                    if (segment > 0 && rng.Next(2) == 0)
                    {
                        list.AddRange([1, n, rng.Next(0, 256)]);
                    }
                    else
                    {
                        list.AddRange([0, n]);
                        for (int k = 0; k < n; k++) list.Add(rng.Next(0, 256));
                    }
                }

                if (rng.Next(4) == 0) list[rng.Next(list.Count)] = rng.Next(0, 6);
                words = new byte[list.Count * 2];
                for (int k = 0; k < list.Count; k++) System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(k * 2), (ushort)list[k]);
            }
            else
            {
                words = new byte[rng.Next(0, 40) * 2];
                for (int i = 0; i < words.Length; i += 2)
                {
                    // Mostly small opcodes and lengths so that real segments appear.
                    words[i] = (byte)(rng.Next(3) == 0 ? rng.Next(256) : rng.Next(4));
                    words[i + 1] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : 0);
                }

                count = rng.Next(0, 70);
            }

            try
            {
                var lut = LookupTable.FromSegmented([count, 0, 16], words, bigEndian: false, firstMappedSigned: false);
                Assert.InRange(lut.Count, 1, 65536);
                expanded++;
            }
            catch (PixelScrubException)
            {
                refused++;
            }
        }
        Assert.True(expanded >= 1000 && refused >= 1000, $"{expanded} expanded, {refused} refused of 3000");
    }
}
