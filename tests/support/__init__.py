"""Helpers the tests share, kept out of the product (test certificates)."""
