package dev.shmem.demo.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with a header row: columns are padded to their widest cell, left-aligned except those
 * declared right-aligned (numbers).
 *
 * <pre>{@code
 * Table t = new Table("mode", "final").alignRight(1);
 * t.row("plain", "1,234");
 * t.print(out, "  ");
 * }</pre>
 */
public final class Table
{
    private final String[] header;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param header column titles.
     */
    public Table(final String... header)
    {
        this.header = header.clone();
        this.right = new boolean[header.length];
    }

    /**
     * @param columns indexes of the columns to right-align.
     * @return this table.
     */
    public Table alignRight(final int... columns)
    {
        for (final int column : columns)
        {
            right[column] = true;
        }
        return this;
    }

    /**
     * @param cells one cell per column.
     * @return this table.
     * @throws IllegalArgumentException if the number of cells is not the number of columns.
     */
    public Table row(final String... cells)
    {
        if (cells.length != header.length)
        {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.length +
                " columns: " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    /**
     * @return true if no row was added.
     */
    public boolean isEmpty()
    {
        return rows.isEmpty();
    }

    /**
     * @param out    where to print.
     * @param indent prefix of every line.
     */
    public void print(final PrintWriter out, final String indent)
    {
        final int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++)
        {
            widths[c] = header[c].length();
            for (final String[] row : rows)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        line(out, indent, header, widths);
        for (final String[] row : rows)
        {
            line(out, indent, row, widths);
        }
    }

    private void line(final PrintWriter out, final String indent, final String[] cells, final int[] widths)
    {
        final StringBuilder text = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++)
        {
            if (c > 0)
            {
                text.append("  ");
            }
            final String pad = " ".repeat(widths[c] - cells[c].length());
            if (right[c])
            {
                text.append(pad).append(cells[c]);
            }
            else
            {
                text.append(cells[c]);
                if (c < cells.length - 1)
                {
                    text.append(pad);
                }
            }
        }
        out.println(text);
    }
}
