"""Excel, CSV and JSON import and export."""
