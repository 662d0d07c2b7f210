using System.Diagnostics;

namespace PixelScrub.Tests.Support;

/// <summary>
/// A named pipe (made by mkfifo, Debian package coreutils) that a thread fills with some bytes while the test reads it:
/// input of unknown size, as /dev/stdin or a shell's process substitution hands the tool.
/// </summary>
internal static class Fifo
{
    /// <summary>
    /// What <paramref name="read"/> makes of a new FIFO at <paramref name="path"/> that <paramref name="bytes"/> are
    /// written to. A reader that stops early (refusing the input) breaks the pipe: the writer lets that be.
    /// </summary>
    public static T Read<T>(string path, byte[] bytes, Func<string, T> read)
    {
        try
        {
            using var mk = Process.Start("mkfifo", [path]);
            mk.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("mkfifo (Debian package coreutils) is missing", e);
        }

        if (!File.Exists(path)) throw new InvalidOperationException("mkfifo (Debian package coreutils) did not make the FIFO");
        var writer = Task.Run(() =>
        {
            try
            {
                using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                pipe.Write(bytes);
            }
            catch (IOException)
            {
                // the reader closed its end before the last byte
            }
        });
        try
        {
            return read(path);
        }
        finally
        {
            if (!writer.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"the writer of {path} did not finish");
        }
    }
}
