"""Notices and diffusions: request, compliance checks, secretariat review, publication and
public extracts."""
