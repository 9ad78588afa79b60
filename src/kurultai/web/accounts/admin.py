"""The admin's log-in goes through the same pause after wrong passwords as the platform's."""

from django.contrib import admin

from kurultai.web.accounts.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm
