using System.Text.Json.Serialization;

namespace PixelScrub.Text;

/// <summary>Source-generated JSON for `scan` output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FileTextScan))]
internal sealed partial class TextJson : JsonSerializerContext;
