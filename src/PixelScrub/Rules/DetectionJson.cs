using System.Text.Json;
using PixelScrub.Masks;

namespace PixelScrub.Rules;

/// <summary>
/// Writes a detection in the fixed shape of ARCHITECTURE.md ("detection output"), deid-compatible:
/// {"file","flagged","decision","results":[{"group","label","reason","coordinates":[[0,"x0,y0,x1,y1"]]}]}.
/// </summary>
public static class DetectionJson
{
    /// <summary>Writer options for reports: quotes in reasons stay readable (\") rather than \u0022.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter writer, string file, Detection detection)
    {
        writer.WriteStartObject();
        writer.WriteString("file", file);
        writer.WriteBoolean("flagged", detection.Flagged);
        writer.WriteString("decision", DecisionName(detection.Decision));
        writer.WriteStartArray("results");
        foreach (var m in detection.Matches)
        {
            writer.WriteStartObject();
            writer.WriteString("group", m.Group);
            writer.WriteString("label", m.Label);
            writer.WriteString("reason", m.Reason);
            writer.WriteStartArray("coordinates");
            foreach (var op in m.Operations)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(op.Value == MaskValue.Keep ? 1 : 0);
                writer.WriteStringValue(op.RegionText);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One detection as a single line of JSON (for jsonl).</summary>
    public static string ToJson(string file, Detection detection)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, file, detection);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string DecisionName(Decision d) => d switch
    {
        Decision.Clean => "clean",
        Decision.Quarantine => "quarantine",
        _ => "pass",
    };
}
