/**
 * The benchmarks' Markdown table printer (session 44: one module instead of a copy in each bench file).
 *
 *   table('Title', [['column', 'column'], ['cell', 'cell']]);   // a blank line, the title, a blank line, the table
 *   tableRows([['column'], ['cell']]);                           // the table alone
 *
 * The first row is the header; every column is padded to its widest cell.
 */
export function tableRows(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  rows.forEach((r, n) => {
    console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  });
}

export function table(title: string, rows: string[][]): void {
  console.log(`\n${title}\n`);
  tableRows(rows);
}
