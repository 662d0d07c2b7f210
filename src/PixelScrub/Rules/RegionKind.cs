namespace PixelScrub.Rules;

/// <summary>How a rule states a region.</summary>
internal enum RegionKind
{
    /// <summary>deid <c>coordinates xmin,ymin,xmax,ymax</c>: [xmin,xmax) x [ymin,ymax), numpy slice semantics.</summary>
    Corners,

    /// <summary>CTP <c>(x,y,w,h)</c> or deid <c>ctpcoordinates</c>: [x,x+w) x [y,y+h); negative x/y count from the far edge.</summary>
    CtpBox,

    /// <summary><c>all</c>: the whole frame.</summary>
    All,

    /// <summary><c>from:Sequence</c>: one region per item of SequenceOfUltrasoundRegions-like sequences.</summary>
    From,
}
