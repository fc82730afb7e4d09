; Séance Desk's Windows installer (NSIS 3), wrapping the folder PyInstaller builds on Windows
; (dist\seance-desk\: seance-desk.exe, seance-desk-cli.exe, _internal\). Do not call makensis by hand:
; packaging\windows\build_installer.py passes the version and the folders (see packaging\README.md).
;
; Per machine, under Program Files (administrator rights); silent with /S, for install and uninstall
; alike; a Start-menu shortcut; the uninstaller registered in « Applications et fonctionnalités »
; with its QuietUninstallString, for deployment tools. The uninstaller removes the program only:
; each user's sessions, settings and logs (%LOCALAPPDATA%\seance-desk…) stay.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION manque : lancez packaging\windows\build_installer.py, qui le donne."
!endif
!ifndef VIVERSION
  !error "VIVERSION manque : lancez packaging\windows\build_installer.py, qui le donne."
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR manque : lancez packaging\windows\build_installer.py, qui le donne."
!endif
!ifndef OUTFILE
  !error "OUTFILE manque : lancez packaging\windows\build_installer.py, qui le donne."
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\seance-desk.ico"
!endif

!define PRODUCT "Séance Desk"
!define PUBLISHER "Séance Desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SeanceDesk"
!define SHORTCUT "$SMPROGRAMS\${PRODUCT}.lnk"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Seance Desk"  ; ASCII: deployment scripts and cmd.exe code pages read it as is
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "${PRODUCT} ${VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; No « Lancer Séance Desk » box at the end: the installer runs as administrator, and the program
; started from it would put its data in the administrator's profile, not the user's.
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

; The installer's own version resource (Explorer's « Détails » tab); the executables carry theirs
; from packaging/seance-desk.spec.
VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileDescription" "Installation de ${PRODUCT} ${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_FRENCH} "LegalCopyright" "${PUBLISHER}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT} demande une version 64 bits de Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all  ; the Start-menu shortcut for every user of the machine
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "${PRODUCT}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the previous version's libraries: none of its files may stay behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "${SHORTCUT}" "$INSTDIR\seance-desk.exe" "" "$INSTDIR\seance-desk.exe" 0 SW_SHOWNORMAL "" "Poste du président de séance"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\seance-desk.exe,0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "${SHORTCUT}"
  ; Only what the installer put there, by name: never RMDir /r on $INSTDIR, which may be a folder
  ; IT chose (/D=…) and that holds other files.
  Delete "$INSTDIR\seance-desk.exe"
  Delete "$INSTDIR\seance-desk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if now empty
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ; Each user's data (%LOCALAPPDATA%\seance-desk: the sessions' database, its backups), settings and
  ; logs are not the program's: the uninstaller leaves them, and a reinstall finds them again.
SectionEnd
