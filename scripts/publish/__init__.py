"""Files on disk and external tools: the staging folder, the one-step switch, MkDocs. Renders
nothing: what the files say comes from the serializer and the pages."""
