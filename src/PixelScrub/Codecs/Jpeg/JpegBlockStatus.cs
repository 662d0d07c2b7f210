namespace PixelScrub.Codecs.Jpeg;

/// <summary>Outcome of decoding or encoding one block; hot loops return it, the caller throws.</summary>
internal enum JpegBlockStatus
{
    Ok = 0,

    /// <summary>The bits are no code of the DC table.</summary>
    BadDcCode,

    /// <summary>The bits are no code of the AC table.</summary>
    BadAcCode,

    /// <summary>A DC difference category beyond what the precision allows (T.81 F.1.2.1, Table F.1).</summary>
    BadDcCategory,

    /// <summary>An AC category beyond what the precision allows, or zero runs past coefficient 63 (T.81 F.1.2.2).</summary>
    BadAcCoefficient,

    /// <summary>The DC predictor left the range of a 16-bit coefficient.</summary>
    DcOutOfRange,

    /// <summary>Encoding needs a symbol the table does not have (the DC category or run/size).</summary>
    MissingCode,
}
