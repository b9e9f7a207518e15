"""The admin site for accounts and organisations (used by the 管理员 role)."""

from django.contrib import admin

from jixiao.web.accounts.models import Department, Membership, Unit

admin.site.site_header = "jixiao 绩效自评管理"
admin.site.register(Department)
admin.site.register(Unit, list_display=("name", "department"), list_filter=("department",))
admin.site.register(
    Membership, list_display=("user", "role", "unit", "department"), list_filter=("role",)
)
