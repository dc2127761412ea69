"""Files published beside the pages: the JSON API, oEmbed, embed cards and every export format."""

from termbook.publish.files import Published, content_of, published_files

__all__ = ["Published", "content_of", "published_files"]
