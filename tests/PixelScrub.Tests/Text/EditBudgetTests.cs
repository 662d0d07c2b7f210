using PixelScrub.Text;

namespace PixelScrub.Tests.Text;

public sealed class EditBudgetTests
{
    [Theory]
    [InlineData("DOE", 0)]
    [InlineData("JONES", 0)]
    [InlineData("CARTER", 1)]
    [InlineData("ANDERSON", 1)]
    [InlineData("D0EJANE5MITH", 2)]
    [InlineData("ACMEGENERALH05PITAL", 3)]
    [InlineData("123456", 0)]
    [InlineData("01311970", 1)]
    [InlineData("12345678901", 2)]
    public void Budget_grows_with_length(string skeleton, int budget) => Assert.Equal(budget, EditBudget.For(skeleton));

    [Theory]
    [InlineData("DOE^JANE", "D0EJANE")]
    [InlineData("Doe, Jane", "D0EJANE")]
    [InlineData("Müller", "MU11ER")]
    [InlineData("BILL S", "81115")]
    [InlineData("O1/3l/197O", "01311970")]
    public void Folding_makes_confusions_and_separators_free(string text, string skeleton) => Assert.Equal(skeleton, TextFolding.Skeleton(text));

    [Theory]
    [InlineData("ANDERSON", "XXANDERSONXX", 0)]
    [InlineData("ANDERSON", "ANDRSON", 1)]
    [InlineData("ANDERSON", "ANDERS0M", 1)]
    [InlineData("ANDERSON", "AMDERS0M", 2)]
    public void Matcher_finds_the_fewest_edits(string term, string text, int edits)
    {
        var m = new ApproximateMatcher(TextFolding.Skeleton(term), 2);
        Assert.True(m.TryFind(TextFolding.Skeleton(text), out int found, out _));
        Assert.Equal(edits, found);
    }

    [Fact]
    public void Matcher_rejects_beyond_the_budget()
    {
        var m = new ApproximateMatcher("ANDERS0N", 1);
        Assert.False(m.TryFind("AMDERS0M", out _, out _));
        Assert.False(m.TryFind("", out _, out _));
    }

    [Fact]
    public void Matcher_agrees_with_a_plain_dynamic_programme()
    {
        var rng = new Random(7);
        const string alphabet = "ABC01";
        for (int trial = 0; trial < 300; trial++)
        {
            string term = new(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            string text = new(Enumerable.Range(0, rng.Next(0, 30)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            int expected = Sellers(term, text);
            var m = new ApproximateMatcher(term, 64);
            bool found = m.TryFind(text, out int edits, out _);
            Assert.Equal(expected <= 64 && text.Length > 0, found || (text.Length == 0 && false));
            if (text.Length > 0) Assert.Equal(expected, edits);
        }
    }

    private static int Sellers(string p, string t)
    {
        var col = new int[p.Length + 1];
        for (int i = 0; i <= p.Length; i++) col[i] = i;
        int best = col[p.Length];
        foreach (char c in t)
        {
            int diag = col[0];
            col[0] = 0;
            for (int i = 1; i <= p.Length; i++)
            {
                int up = col[i];
                col[i] = Math.Min(Math.Min(col[i] + 1, col[i - 1] + 1), diag + (p[i - 1] == c ? 0 : 1));
                diag = up;
            }

            best = Math.Min(best, col[p.Length]);
        }

        return best;
    }
}
