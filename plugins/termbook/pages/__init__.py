"""The site's pages as plain data: URLs, the page plan, what each page shows, structured data,
share links and the search index. No engine: an adapter turns the plan into its own files.
"""

from termbook.pages.plan import PageKind, PlannedPage, plan_pages
from termbook.pages.site_info import SiteInfo

__all__ = ["PageKind", "PlannedPage", "SiteInfo", "plan_pages"]
