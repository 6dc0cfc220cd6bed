"""The semi-annual follow-up memo (uppföljnings-PM, spec/reports.md): one document model
(``content``) rendered as DOCX, PDF, XLSX and HTML."""
