"""The admin: places for the asset map; services and suggested changes to look at."""

from django.contrib import admin

from kithkin.directory.models import Place, ProposedChange, Service
from kithkin.directory.versions import directory_changed


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "latitude", "longitude"]
    search_fields = ["name"]

    # Searches keep what they work out from places until the directory changes: a changed place is a change.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        directory_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        directory_changed()


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Read only: services change by import-oruk or an approved suggestion, so every change is checked."""

    list_display = ["name", "organization", "status", "assured_date"]
    list_filter = ["status"]
    search_fields = ["name", "id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    list_display = ["service", "proposed_by", "proposed_at", "state"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in ProposedChange._meta.fields]

    def has_add_permission(self, request):
        return False
