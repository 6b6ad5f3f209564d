"""The model as Markdown pages: the serializer, the URL scheme, the pages. Reads the model only:
it never imports a pass, an annotator or the pipeline, and never touches the disk."""
