"""Import (Nhập dữ liệu): administrators upload a published table; viewers cannot write."""

from parviz.i18n import t
from parviz.ui import admin, cache, import_view, render
from parviz.ui.page import page_setup

page = page_setup("import", filters=())
lang = page.lang
if not admin.import_enabled():
    render.notice("import.disabled", lang)
else:
    render.notice("import.intro", lang)
    if admin.login_form(lang):
        import_view.workflow(page.dataset, cache.dataset_path(), lang)
    else:
        render.section(t("import.admin.needed", lang))
