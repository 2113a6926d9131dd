from django.urls import path

from .views import accounts, personal_data

app_name = "accounts"

urlpatterns = [
    path("", accounts.account, name="account"),
    path("mis-datos.json", personal_data.personal_data_download, name="personal_data"),
    path("mis-datos/", personal_data.personal_data_page, name="personal_data_page"),
    path("eliminar/", personal_data.account_delete, name="delete"),
    path("ingresar/", accounts.LoginView.as_view(), name="login"),
    path("salir/", accounts.LogoutView.as_view(), name="logout"),
    path("registro/", accounts.register, name="register"),
    path("registro/revisa-tu-correo/", accounts.register_done, name="register_done"),
    path("activar/<uidb64>/<token>/", accounts.activate, name="activate"),
    path("recuperar/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "recuperar/enviado/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "recuperar/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "recuperar/listo/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
