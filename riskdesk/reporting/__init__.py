"""ReportLab reports: take prepared data, return a PDF; never query the file."""
