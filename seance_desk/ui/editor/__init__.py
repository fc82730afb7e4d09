"""The minutes' rich-text editor and its markup."""
