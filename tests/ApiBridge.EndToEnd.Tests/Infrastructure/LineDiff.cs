using System.Text;

namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>A small unified line diff (LCS; transcripts are a few hundred lines at most).</summary>
public static class LineDiff
{
    public static string Unified(IReadOnlyList<string> a, IReadOnlyList<string> b, string aLabel, string bLabel, int contextLines = 2)
    {
        int n = a.Count, m = b.Count;
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        // Edit script: (' ', line) kept, ('-', line) only in a, ('+', line) only in b.
        var script = new List<(char Op, string Line, int A, int B)>();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[x] == b[y]) { script.Add((' ', a[x], x, y)); x++; y++; }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { script.Add(('-', a[x], x, y)); x++; }
            else { script.Add(('+', b[y], x, y)); y++; }
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(aLabel).Append(" (").Append(n).Append(" lines)\n");
        sb.Append("+++ ").Append(bLabel).Append(" (").Append(m).Append(" lines)\n");
        int changes = script.Count(s => s.Op != ' ');
        int k = 0;
        while (k < script.Count)
        {
            if (script[k].Op == ' ') { k++; continue; }
            int start = Math.Max(0, k - contextLines);
            int end = k;
            // Extend the hunk while changes are within 2*context of each other.
            while (end < script.Count)
            {
                int next = end;
                while (next < script.Count && script[next].Op != ' ') next++;
                int gap = next;
                while (gap < script.Count && script[gap].Op == ' ') gap++;
                if (gap < script.Count && gap - next <= 2 * contextLines) { end = gap; continue; }
                end = Math.Min(script.Count, next + contextLines);
                break;
            }
            sb.Append($"@@ {aLabel} line {script[start].A + 1}, {bLabel} line {script[start].B + 1} @@\n");
            for (int i = start; i < end; i++) sb.Append(script[i].Op).Append(' ').Append(script[i].Line).Append('\n');
            k = end;
        }
        sb.Append($"({changes} line(s) differ)");
        return sb.ToString();
    }
}
