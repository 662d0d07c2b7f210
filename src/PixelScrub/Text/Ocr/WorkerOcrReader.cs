using PixelScrub.Codecs.Native;

namespace PixelScrub.Text.Ocr;

/// <summary>
/// Tesseract in a native worker process (<see cref="NativeCodecWorker"/>, one engine per worker): a crash or a hang
/// (past the per-frame timeout) in the library fails the file at hand, and the worker is restarted for the next one.
/// </summary>
internal sealed class WorkerOcrReader(NativeCodecClient client) : IOcrReader
{
    public List<List<OcrWord>> Read(IReadOnlyList<OcrImage> images, int frame, bool tryInverted = true)
    {
        if (images.Count == 0) return [];
        var result = new List<List<OcrWord>>(images.Count);
        // Requests stay well under the protocol's limits; a frame's lines go in a few batches at most.
        for (int start = 0; start < images.Count; start += OcrMessages.MaxItems / 4)
        {
            var batch = images.Skip(start).Take(OcrMessages.MaxItems / 4).ToList();
            byte[] answer = client.Recognise(OcrMessages.WriteImages(batch, tryInverted), frame);
            try
            {
                result.AddRange(OcrMessages.ReadWords(answer, batch.Count));
            }
            catch (InvalidDataException e)
            {
                throw new UnsupportedInputException($"the OCR worker sent a malformed answer for frame {frame}: {e.Message}", e);
            }
        }

        return result;
    }

    public void Dispose() => client.Dispose();
}
