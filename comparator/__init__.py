"""comparator: line up policy articles on the same issue side by side and turn the comparison into a brief."""
