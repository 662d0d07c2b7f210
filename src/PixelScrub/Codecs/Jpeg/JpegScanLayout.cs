namespace PixelScrub.Codecs.Jpeg;

/// <summary>
/// The order of data units in a scan (T.81 A.2): for an interleaved scan, MCU by MCU in raster order, and in
/// each MCU each scan component's Vi rows of Hi blocks; for a single-component scan, the component's own
/// blocks (ceil(xi/8) x ceil(yi/8)) one per MCU in raster order.
/// </summary>
internal readonly struct JpegScanLayout
{
    private readonly JpegScan _scan;
    private readonly int _mcusPerLine;
    private readonly int[] _unitComponent; // per data unit of the MCU: scan component index
    private readonly int[] _unitX;         // block offset inside the MCU
    private readonly int[] _unitY;

    public JpegScanLayout(JpegFrame frame, JpegScan scan)
    {
        _scan = scan;
        if (scan.IsInterleaved)
        {
            _mcusPerLine = frame.McusPerLine;
            McuCount = frame.McusPerLine * frame.McusPerColumn;
            int units = 0;
            foreach (var c in scan.Components) units += c.H * c.V;
            _unitComponent = new int[units];
            _unitX = new int[units];
            _unitY = new int[units];
            int u = 0;
            for (int ci = 0; ci < scan.Components.Length; ci++)
            {
                var c = scan.Components[ci];
                for (int y = 0; y < c.V; y++)
                {
                    for (int x = 0; x < c.H; x++)
                    {
                        _unitComponent[u] = ci;
                        _unitX[u] = x;
                        _unitY[u] = y;
                        u++;
                    }
                }
            }

            BlocksPerMcu = units;
        }
        else
        {
            var c = scan.Components[0];
            _mcusPerLine = c.WidthInBlocks;
            McuCount = c.WidthInBlocks * c.HeightInBlocks;
            _unitComponent = [0];
            _unitX = [0];
            _unitY = [0];
            BlocksPerMcu = 1;
        }
    }

    public int McuCount { get; }

    public int BlocksPerMcu { get; }

    public int McusPerLine => _mcusPerLine;

    /// <summary>The scan component index of data unit <paramref name="unit"/> of every MCU.</summary>
    public int ComponentOf(int unit) => _unitComponent[unit];

    /// <summary>The scan component index and block coordinates of data unit <paramref name="unit"/> of MCU <paramref name="mcu"/>.</summary>
    public void Locate(int mcu, int unit, out int scanComponent, out int bx, out int by)
    {
        int ci = _unitComponent[unit];
        scanComponent = ci;
        int mx = mcu % _mcusPerLine;
        int my = mcu / _mcusPerLine;
        if (_scan.IsInterleaved)
        {
            var c = _scan.Components[ci];
            bx = mx * c.H + _unitX[unit];
            by = my * c.V + _unitY[unit];
        }
        else
        {
            bx = mx;
            by = my;
        }
    }
}
