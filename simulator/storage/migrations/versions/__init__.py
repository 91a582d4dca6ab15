"""One file per schema change, oldest first. Write a new one with `rehearse db revision MESSAGE`."""
