"""The admin: contingency plans with their triggers, actions and contacts (until the plan pages come),
and alerts to look at. Alerts change only through their actions, so they are read only here."""

from django.contrib import admin

from kithkin.prevention.models import Alert, ContingencyPlan, PlanAction, PlanContact, PlanTrigger, RiskWeight


class TriggerInline(admin.TabularInline):
    model = PlanTrigger
    extra = 1
    raw_id_fields = ["about"]


class ActionInline(admin.TabularInline):
    model = PlanAction
    extra = 1


class ContactInline(admin.TabularInline):
    model = PlanContact
    extra = 1


@admin.register(ContingencyPlan)
class ContingencyPlanAdmin(admin.ModelAdmin):
    list_display = ["person", "named_worker", "review_on", "is_active"]
    raw_id_fields = ["person"]
    inlines = [TriggerInline, ActionInline, ContactInline]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["kind", "source_name", "occurred_at", "status", "team"]
    list_filter = ["status", "kind", "source"]
    readonly_fields = [f.name for f in Alert._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskWeight)
class RiskWeightAdmin(admin.ModelAdmin):
    """The council's weights for the risk score: every score shows which indicators added what."""

    list_display = ["indicator", "weight"]
    list_editable = ["weight"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
