"""The parts of the Overview page: figure tiles, the overdue-by-age chart, the tables by agency
and by workgroup, the filters behind each figure, and the report export dialog."""
