"""The bulk import of the back office: a ZIP with the documents' files and a manifest CSV."""
