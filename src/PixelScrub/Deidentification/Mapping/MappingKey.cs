using System.Security.Cryptography;
using System.Text;

namespace PixelScrub.Deidentification.Mapping;

/// <summary>
/// The secret behind every keyed mapping (UIDs, Patient IDs, date offsets). It comes from the user, as the parameter
/// <c>key</c>, a file named by the parameter <c>key-file</c>, or the environment variable <c>PIXELSCRUB_KEY</c>; the same
/// key gives the same mapping on every machine. It is never written anywhere: <see cref="ToString"/> hides it, and only
/// a one-way fingerprint (<see cref="Fingerprint"/>) may name it, e.g. in a resume ledger.
/// </summary>
internal sealed class MappingKey
{
    public const string KeyParameter = "key";
    public const string KeyFileParameter = "key-file";
    public const string EnvironmentVariable = "PIXELSCRUB_KEY";

    /// <summary>Shorter keys are refused: a guessable key lets anyone rebuild the mapping.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _bytes;

    private MappingKey(byte[] bytes) => _bytes = bytes;

    /// <summary>Where the key came from ("--param key", "key file", "PIXELSCRUB_KEY"), for messages.</summary>
    public string Source { get; private init; } = "";

    public static MappingKey FromText(string key, string source = "key")
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < MinimumLength)
        {
            throw new ArgumentException($"the mapping key from {source} is too short: at least {MinimumLength} bytes are needed");
        }

        return new MappingKey(bytes) { Source = source };
    }

    /// <summary>
    /// The key from the parameters (<c>key</c>, then <c>key-file</c>) or the environment; null when none is given. A
    /// key file that cannot be read, or a key too short, is an <see cref="ArgumentException"/> (a configuration error).
    /// </summary>
    public static MappingKey? Resolve(IReadOnlyDictionary<string, string> parameters, Func<string, string?> environment)
    {
        if (TryGet(parameters, KeyParameter, out var text)) return FromText(text, "--param key");
        if (TryGet(parameters, KeyFileParameter, out var path))
        {
            string content;
            try
            {
                content = UserFile.KeyFile.ReadText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or RuleSyntaxException)
            {
                throw new ArgumentException($"cannot read the key file {path}: {(ex is RuleSyntaxException r ? r.Reason : ex.Message)}");
            }

            return FromText(content.TrimEnd('\r', '\n'), $"key file {path}");
        }

        var env = environment(EnvironmentVariable);
        return string.IsNullOrEmpty(env) ? null : FromText(env, EnvironmentVariable);
    }

    /// <summary>HMAC-SHA256 of a purpose label and a value (label and value separated by a zero byte).</summary>
    public byte[] Hash(string purpose, string value)
    {
        int n = Encoding.UTF8.GetByteCount(purpose) + 1 + Encoding.UTF8.GetByteCount(value);
        Span<byte> data = n <= 512 ? stackalloc byte[n] : new byte[n];
        int p = Encoding.UTF8.GetBytes(purpose, data);
        data[p++] = 0;
        Encoding.UTF8.GetBytes(value, data[p..]);
        return HMACSHA256.HashData(_bytes, data);
    }

    /// <summary>A one-way name for the key (not the key): lets a resume ledger tell two keys apart.</summary>
    public string Fingerprint() => Convert.ToHexString(Hash("pixelscrub-key-fingerprint", ""))[..16];

    public override string ToString() => "[mapping key]";

    private static bool TryGet(IReadOnlyDictionary<string, string> parameters, string name, out string value)
    {
        foreach (var (k, v) in parameters)
        {
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase) && v.Length > 0)
            {
                value = v;
                return true;
            }
        }

        value = "";
        return false;
    }
}
