using System.Runtime.CompilerServices;

namespace PixelScrub.Codecs.JpegLossless;

/// <summary>The lossless predictors of T.81 Table H.1, selected by the scan's Ss (1..7).</summary>
internal static class JpegLosslessPredictor
{
    /// <summary>
    /// Prediction Px from Ra (left), Rb (above) and Rc (above-left) for selection value 1..7 (T.81 H.1.2.1,
    /// Table H.1; predictors 5 and 6 shift the signed difference arithmetically, 7 halves the sum).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int selection, int ra, int rb, int rc) => selection switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };
}
