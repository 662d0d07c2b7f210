namespace PixelScrub.Rules;

/// <summary>A deid <c>%filter NAME</c> line: the group name and where it is written.</summary>
internal sealed record GroupDeclaration(string Name, string File, int Line, int Column);
