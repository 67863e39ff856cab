from django.contrib import admin
from django.urls import path

from kithkin.api import api
from kithkin.conversations import connection_views as connecting
from kithkin.conversations import views as front_door
from kithkin.core import audit_views
from kithkin.core import views as core
from kithkin.directory import manage_views as directory_manage
from kithkin.directory import views as directory
from kithkin.directory.api import oruk
from kithkin.matching import care_views as care_pages
from kithkin.matching import carer_views as carer_pages
from kithkin.matching import roster_views as roster_pages
from kithkin.people import views as people
from kithkin.prevention import crisis_views as crisis
from kithkin.prevention import plan_views as plan_pages
from kithkin.prevention import risk_views as risk_pages
from kithkin.prevention import views as alerts

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("sign-in", core.sign_in, name="login"),
    path("sign-out", core.sign_out, name="logout"),
    path("talk-to-us", front_door.talk_to_us, name="talk_to_us"),
    path("talk-to-us/sent", front_door.talk_to_us_done, name="talk_to_us_done"),
    path("find-support", directory.find_support, name="find_support"),
    path("find-support/services/<str:service_id>", directory.service_page, name="directory_service"),
    path("find-support/my-list", directory.my_list, name="my_list"),
    path("find-support/my-list/save", directory.save_service, name="save_service"),
    path("find-support/my-list/remove", directory.unsave_service, name="unsave_service"),
    path("find-support/services/<str:service_id>/suggest-a-change", directory_manage.suggest_change,
         name="directory_suggest"),
    path("manage/directory", directory_manage.asset_map, name="asset_map"),
    path("manage/directory/review", directory_manage.review, name="directory_review"),
    path("manage/directory/changes/<int:proposal_id>", directory_manage.decide, name="directory_decide"),
    path("manage/directory/services/<str:service_id>/confirm", directory_manage.confirm, name="directory_confirm"),
    path("alerts", alerts.alerts, name="alerts"),
    path("alerts/new", alerts.alert_new, name="alert_new"),
    path("alerts/<int:alert_id>", alerts.alert_detail, name="alert_detail"),
    path("alerts/<int:alert_id>/match", alerts.alert_match, name="alert_match"),
    path("alerts/<int:alert_id>/not-for-us", alerts.alert_not_for_us, name="alert_not_for_us"),
    path("alerts/<int:alert_id>/take-contact", alerts.alert_take_contact, name="alert_take_contact"),
    path("crisis/<int:episode_id>", crisis.episode_page, name="crisis_episode"),
    path("crisis/<int:episode_id>/end", crisis.episode_close, name="episode_close"),
    path("crisis/<int:episode_id>/goals", crisis.episode_goals, name="episode_goals"),
    path("check-ins/<int:check_in_id>", crisis.check_in, name="check_in"),
    path("tasks", crisis.team_tasks, name="team_tasks"),
    path("tasks/<int:task_id>/done", crisis.task_done, name="task_done"),
    path("notifications", crisis.notifications, name="notifications"),
    path("worklist", front_door.worklist, name="worklist"),
    path("figures", front_door.figures, name="figures"),
    path("contacts/new", front_door.contact_new, name="contact_new"),
    path("contacts/<int:contact_id>", front_door.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/pick-up", front_door.contact_pick_up, name="contact_pick_up"),
    path("contacts/<int:contact_id>/link", front_door.contact_link, name="contact_link"),
    path("contacts/<int:contact_id>/new-person", front_door.contact_new_person, name="contact_new_person"),
    path("contacts/<int:contact_id>/conversation", front_door.conversation_new, name="conversation_new"),
    path("contacts/<int:contact_id>/connect", connecting.connect, name="contact_connect"),
    path("contacts/<int:contact_id>/connections/<int:connection_id>/remove", connecting.disconnect,
         name="contact_disconnect"),
    path("contacts/<int:contact_id>/connections/<int:connection_id>/how-it-went", connecting.how_it_went,
         name="connection_how_it_went"),
    path("people", people.my_people, name="my_people"),
    path("people/<int:person_id>", people.person_detail, name="person_detail"),
    path("people/<int:person_id>/change", people.person_edit, name="person_edit"),
    path("people/<int:person_id>/circle/add", people.circle_member_form, name="circle_add"),
    path("people/<int:person_id>/circle/<int:member_id>", people.circle_member_form, name="circle_edit"),
    path("people/<int:person_id>/circle/<int:member_id>/remove", people.circle_member_remove, name="circle_remove"),
    path("people/<int:person_id>/circle/<int:member_id>/carer-conversation", people.carer_conversation,
         name="carer_conversation"),
    path("people/<int:person_id>/break-glass", people.break_glass, name="break_glass"),
    path("people/<int:person_id>/plan", plan_pages.plan_page, name="contingency_plan"),
    path("people/<int:person_id>/risk", risk_pages.person_risk, name="person_risk"),
    path("proactive", risk_pages.proactive_worklist, name="proactive"),
    path("proactive/<int:person_id>/we-spoke", risk_pages.we_spoke, name="we_spoke"),
    path("people/<int:person_id>/plan/new", plan_pages.plan_new, name="plan_new"),
    path("people/<int:person_id>/plan/card", plan_pages.plan_card, name="plan_card"),
    path("people/<int:person_id>/plan/triggers/add", plan_pages.trigger_add, name="plan_trigger_add"),
    path("people/<int:person_id>/plan/actions/add", plan_pages.action_add, name="plan_action_add"),
    path("people/<int:person_id>/plan/contacts/add", plan_pages.contact_add, name="plan_contact_add"),
    path("people/<int:person_id>/plan/<str:kind>/<int:item_id>/remove", plan_pages.item_remove,
         name="plan_item_remove"),
    path("people/<int:person_id>/plan/<str:kind>/<int:item_id>/change", plan_pages.item_change,
         name="plan_item_change"),
    path("people/<int:person_id>/plan/review", plan_pages.plan_review, name="plan_review"),
    path("carers", carer_pages.carer_list, name="carers"),
    path("carers/new", carer_pages.carer_form, name="carer_add"),
    path("carers/<int:carer_id>", carer_pages.carer_detail, name="carer_detail"),
    path("carers/<int:carer_id>/change", carer_pages.carer_form, name="carer_change"),
    path("carers/<int:carer_id>/back", carer_pages.carer_back, name="carer_back"),
    path("carers/<int:carer_id>/leaves", carer_pages.carer_leaves, name="carer_leaves"),
    path("carers/<int:carer_id>/rejoins", carer_pages.carer_rejoins, name="carer_rejoins"),
    path("carers/<int:carer_id>/availability", carer_pages.availability_form, name="carer_availability"),
    path("carers/<int:carer_id>/household", carer_pages.household_form, name="carer_household"),
    path("carers/<int:carer_id>/people", care_pages.people_for_home, name="people_for_home"),
    path("people/<int:person_id>/care", care_pages.person_care, name="person_care"),
    path("people/<int:person_id>/care/preferences", care_pages.preferences_form, name="care_preferences"),
    path("people/<int:person_id>/care/visits/add", care_pages.pattern_add, name="care_pattern_add"),
    path("people/<int:person_id>/care/visits/<int:pattern_id>/end", care_pages.pattern_end, name="care_pattern_end"),
    path("people/<int:person_id>/care/carers", care_pages.carers_for_person, name="carers_for_person"),
    path("people/<int:person_id>/care/shared-lives", care_pages.homes_for_person, name="homes_for_person"),
    path("people/<int:person_id>/care/shared-lives/<int:carer_id>/propose", care_pages.propose,
         name="shared_lives_propose"),
    path("shared-lives/<int:match_id>/stage", care_pages.match_stage, name="shared_lives_stage"),
    path("rosters", roster_pages.roster_list, name="rosters"),
    path("rosters/plan", roster_pages.roster_plan, name="roster_plan"),
    path("rosters/<int:roster_id>", roster_pages.roster_detail, name="roster_detail"),
    path("rosters/<int:roster_id>/carers/<int:carer_id>", roster_pages.carer_week, name="carer_week"),
    path("rosters/<int:roster_id>/carer-off", roster_pages.repair_carer_off, name="roster_carer_off"),
    path("roster-visits/<int:visit_id>/cancel", roster_pages.repair_cancel, name="roster_cancel"),
    path("roster-visits/<int:visit_id>/put-back", roster_pages.repair_reinstate, name="roster_reinstate"),
    path("people/<int:person_id>/week", roster_pages.person_week, name="person_week"),
    path("people/<int:person_id>/week/add", roster_pages.repair_add_person, name="roster_add_person"),
    path("people/<int:person_id>/week/wishes", roster_pages.repair_wishes, name="roster_wishes"),
    path("people/<int:person_id>/export", people.person_export, name="person_export"),
    path("manage/audit", audit_views.audit_log, name="audit_log"),
    path("manage/break-glass", audit_views.break_glass_reviews, name="break_glass_reviews"),
    path("manage/break-glass/<int:grant_id>/review", audit_views.break_glass_review, name="break_glass_review"),
    path("account/tokens", core.tokens, name="tokens"),
    path("account/tokens/<int:token_id>/revoke", core.revoke_token, name="token_revoke"),
    path("api/", api.urls),
    path("oruk/", oruk.urls),
    path("admin/", admin.site.urls),
]

handler404 = "kithkin.core.errors.not_found"
handler500 = "kithkin.core.errors.server_error"
handler403 = "kithkin.core.errors.forbidden"
handler400 = "kithkin.core.errors.bad_request"
