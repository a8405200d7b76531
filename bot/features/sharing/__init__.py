"""Sharing: /share with links and QR codes, inline answers, printable leaflets."""
