<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CameraView</name>
    <message>
        <source>Camera preview</source>
        <translation>Vista previa de la cámara</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Sin cámara</translation>
    </message>
    <message>
        <source>Hold the card&apos;s code to the camera</source>
        <translation>Acerque el código de la tarjeta a la cámara</translation>
    </message>
    <message>
        <source>A code is in view but cannot be read: tilt the phone away from the light and hold it still</source>
        <translation>Se ve un código, pero no se puede leer: incline el teléfono fuera de la luz y manténgalo quieto</translation>
    </message>
</context>
<context>
    <name>CardLifeDialog</name>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>desactivada</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sin nombre</translation>
    </message>
    <message>
        <source>Reason (needed for an adjustment)</source>
        <translation>Motivo (obligatorio para un ajuste)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Points </source>
        <translation>Puntos </translation>
    </message>
    <message>
        <source>Stamps </source>
        <translation>Sellos </translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Replace lost card</source>
        <translation>Sustituir tarjeta perdida</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>The customer&apos;s other card number</source>
        <translation>Número de la otra tarjeta del cliente</translation>
    </message>
    <message>
        <source>Merge into this card</source>
        <translation>Unir a esta tarjeta</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Cerrar  (Esc)</translation>
    </message>
    <message>
        <source>Type the other card&apos;s number (12 digits)</source>
        <translation>Escriba el número de la otra tarjeta (12 dígitos)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>The card on show</source>
        <translation>La tarjeta mostrada</translation>
    </message>
    <message>
        <source>Scan a card, or type its number</source>
        <translation>Escanee una tarjeta o escriba su número</translation>
    </message>
    <message>
        <source>points</source>
        <translation>puntos</translation>
    </message>
    <message>
        <source>New to this terminal (provisional)</source>
        <translation>Nueva en este terminal (provisional)</translation>
    </message>
    <message>
        <source>QR code only</source>
        <translation>Solo código QR</translation>
    </message>
    <message>
        <source>Customer without a name</source>
        <translation>Cliente sin nombre</translation>
    </message>
    <message>
        <source>{stamp_count} of {target} stamps</source>
        <translation>{stamp_count} de {target} sellos</translation>
    </message>
    <message>
        <source> · {to_go} to go for {stamp_reward}</source>
        <translation> · faltan {to_go} para {stamp_reward}</translation>
    </message>
    <message>
        <source>★ {reward} ready</source>
        <translation>★ {reward} listo</translation>
    </message>
    <message>
        <source>★ Can take: {names}</source>
        <translation>★ Puede canjear: {names}</translation>
    </message>
    <message numerus="yes">
        <source>{points} expire on {date}</source>
        <translation>
            <numerusform>{points} caduca el {date}</numerusform>
            <numerusform>{points} caducan el {date}</numerusform>
        </translation>
    </message>
    <message>
        <source>This card is no longer active</source>
        <translation>Esta tarjeta ya no está activa</translation>
    </message>
    <message>
        <source>Stamps given here until the server confirms the card; no rewards yet</source>
        <translation>Sellos dados aquí hasta que el servidor confirme la tarjeta; todavía sin premios</translation>
    </message>
    <message>
        <source>{changes} not yet confirmed by the server</source>
        <translation>{changes} aún sin confirmar por el servidor</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Card number, e.g. 1234-5678-9012</source>
        <translation>Número de tarjeta, p. ej. 1234-5678-9012</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Ready: scan a card</source>
        <translation>Listo: escanee una tarjeta</translation>
    </message>
    <message>
        <source>The outcome of the last scan or action</source>
        <translation>El resultado del último escaneo o acción</translation>
    </message>
    <message>
        <source>Undo  Ctrl+Z</source>
        <translation>Deshacer  Ctrl+Z</translation>
    </message>
    <message>
        <source>End of day  F8</source>
        <translation>Cierre del día  F8</translation>
    </message>
    <message>
        <source>Settings  F10</source>
        <translation>Ajustes  F10</translation>
    </message>
    <message>
        <source>Lock  Ctrl+L</source>
        <translation>Bloquear  Ctrl+L</translation>
    </message>
    <message>
        <source>⚠  Not on this terminal yet, and the server cannot be reached: Stamp gives a provisional stamp the server will confirm</source>
        <translation>⚠  Aún no está en este terminal y no se puede contactar con el servidor: Sellar da un sello provisional que el servidor confirmará</translation>
    </message>
    <message>
        <source>Earn points</source>
        <translation>Sumar puntos</translation>
    </message>
    <message>
        <source>Purchase amount ({currency})</source>
        <translation>Importe de la compra ({currency})</translation>
    </message>
    <message>
        <source>Add points</source>
        <translation>Sumar puntos</translation>
    </message>
    <message>
        <source>Void / return</source>
        <translation>Anulación / devolución</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Sellar</translation>
    </message>
    <message>
        <source>Redeem reward</source>
        <translation>Canjear premio</translation>
    </message>
    <message>
        <source>Points reward</source>
        <translation>Premio por puntos</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Número de tarjeta</translation>
    </message>
    <message>
        <source>Type the card&apos;s number and press Enter</source>
        <translation>Escriba el número de la tarjeta y pulse Intro</translation>
    </message>
    <message>
        <source>Find the card</source>
        <translation>Buscar la tarjeta</translation>
    </message>
    <message>
        <source>Looks up the number typed beside it</source>
        <translation>Busca el número escrito al lado</translation>
    </message>
    <message>
        <source>Customer  F7</source>
        <translation>Cliente  F7</translation>
    </message>
    <message>
        <source>Find a customer</source>
        <translation>Buscar cliente</translation>
    </message>
    <message>
        <source>By phone, e-mail or name; F7</source>
        <translation>Por teléfono, correo o nombre; F7</translation>
    </message>
    <message>
        <source>Card…  F9</source>
        <translation>Tarjeta…  F9</translation>
    </message>
    <message>
        <source>The card&apos;s life</source>
        <translation>Gestión de la tarjeta</translation>
    </message>
    <message>
        <source>Deactivate, replace or adjust the card on screen; F9; needs a manager&apos;s PIN</source>
        <translation>Desactivar, sustituir o ajustar la tarjeta en pantalla; F9; requiere el PIN del encargado</translation>
    </message>
    <message>
        <source>Undo the last action</source>
        <translation>Deshacer la última acción</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+Z</source>
        <translation>Atajo Ctrl+Z</translation>
    </message>
    <message>
        <source>Shortcut {key}</source>
        <translation>Atajo {key}</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Cierre del día</translation>
    </message>
    <message>
        <source>Shortcut F8; needs a manager&apos;s PIN</source>
        <translation>Atajo F8; requiere el PIN del encargado</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Shortcut F10; needs a manager&apos;s PIN</source>
        <translation>Atajo F10; requiere el PIN del encargado</translation>
    </message>
    <message>
        <source>Lock the terminal</source>
        <translation>Bloquear el terminal</translation>
    </message>
    <message>
        <source>Shortcut Ctrl+L</source>
        <translation>Atajo Ctrl+L</translation>
    </message>
    <message>
        <source>✓  {customer} found</source>
        <translation>✓  Tarjeta de {customer} encontrada</translation>
    </message>
    <message>
        <source>✓  Card found</source>
        <translation>✓  Tarjeta encontrada</translation>
    </message>
    <message>
        <source>Receipt reference (optional)</source>
        <translation>Referencia del ticket (opcional)</translation>
    </message>
    <message>
        <source>Points to take back for the returned purchase</source>
        <translation>Puntos a retirar por la compra devuelta</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Retirar puntos</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Scan the card first, then press Card… (F9)</source>
        <translation>Escanee primero la tarjeta y pulse Tarjeta… (F9)</translation>
    </message>
    <message>
        <source>✓  Card {format_card_number} created</source>
        <translation>✓  Tarjeta {format_card_number} creada</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Deshaciendo…</translation>
    </message>
    <message>
        <source>↶  Undone: the last action was taken back</source>
        <translation>↶  Deshecho: se ha revertido la última acción</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n operación</numerusform>
            <numerusform>%n operaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points</source>
        <translation>
            <numerusform>%n punto</numerusform>
            <numerusform>%n puntos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stamps</source>
        <translation>
            <numerusform>%n sello</numerusform>
            <numerusform>%n sellos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pages</source>
        <translation>
            <numerusform>%n página</numerusform>
            <numerusform>%n páginas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n cambio</numerusform>
            <numerusform>%n cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points taken back · balance {points_balance}</source>
        <translation>
            <numerusform>%n punto retirado · saldo {points_balance}</numerusform>
            <numerusform>%n puntos retirados · saldo {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points short</source>
        <translation>
            <numerusform>falta %n punto</numerusform>
            <numerusform>faltan %n puntos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n points could be taken back: the balance is now 0.</source>
        <translation>
            <numerusform>Solo se pudo retirar %n punto: el saldo ahora es 0.</numerusform>
            <numerusform>Solo se pudieron retirar %n puntos: el saldo ahora es 0.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The return asked for %n points.</source>
        <translation>
            <numerusform>La devolución pedía %n punto.</numerusform>
            <numerusform>La devolución pedía %n puntos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n points for {money} · balance {points_balance}</source>
        <translation>
            <numerusform>+%n punto por {money} · saldo {points_balance}</numerusform>
            <numerusform>+%n puntos por {money} · saldo {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reward given: {name} (%n points)</source>
        <translation>
            <numerusform>Premio entregado: {name} (%n punto)</numerusform>
            <numerusform>Premio entregado: {name} (%n puntos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>%n pendiente de sincronizar</numerusform>
            <numerusform>%n pendientes de sincronizar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; entries are not yet confirmed by the server.</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; movimiento aún no está confirmado por el servidor.</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; movimientos aún no están confirmados por el servidor.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>End of day</source>
        <translation>Cierre del día</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Sincronizando con el servidor…</translation>
    </message>
    <message>
        <source>The day&apos;s report</source>
        <translation>El informe del día</translation>
    </message>
    <message>
        <source>Paper size of the PDF</source>
        <translation>Tamaño de papel del PDF</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Cerrar  (Esc)</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>Standalone terminal: no server to sync with. Preparing the report…</source>
        <translation>Terminal independiente: no hay servidor con el que sincronizar. Preparando el informe…</translation>
    </message>
    <message>
        <source>Syncing: {phase}…</source>
        <translation>Sincronizando: {phase}…</translation>
    </message>
    <message>
        <source>The server does not answer; the report counts unconfirmed entries.</source>
        <translation>El servidor no responde; el informe cuenta operaciones sin confirmar.</translation>
    </message>
    <message>
        <source>Standalone terminal: nothing to sync.</source>
        <translation>Terminal independiente: nada que sincronizar.</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>Sincronizado.</translation>
    </message>
    <message>
        <source>Not synced: see the note in the report.</source>
        <translation>Sin sincronizar: vea la nota del informe.</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>No se pudo elaborar el informe.</translation>
    </message>
    <message>
        <source>End of day {day} · {terminal} ({store})</source>
        <translation>Cierre del día {day} · {terminal} ({store})</translation>
    </message>
    <message>
        <source>{counted} written to {path}</source>
        <translation>Escrito en {path}: {counted}</translation>
    </message>
    <message>
        <source>Report saved to {path} ({counted})</source>
        <translation>Informe guardado en {path} ({counted})</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <source>Could not save: {for_people}</source>
        <translation>No se pudo guardar: {for_people}</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <source>Customer name (optional)</source>
        <translation>Nombre del cliente (opcional)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Teléfono (opcional)</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>Correo (opcional)</translation>
    </message>
    <message>
        <source>The customer agrees to be contacted</source>
        <translation>El cliente acepta que le contacten</translation>
    </message>
    <message>
        <source>Create card</source>
        <translation>Crear tarjeta</translation>
    </message>
    <message>
        <source>No loyalty program on this terminal yet: sync first.</source>
        <translation>Aún no hay ningún programa de fidelidad en este terminal: sincronice primero.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone and e-mail, to find them without their card</source>
        <translation>Teléfono y correo, para encontrar al cliente sin su tarjeta</translation>
    </message>
    <message>
        <source>stamps</source>
        <translation>sellos</translation>
    </message>
    <message>
        <source>points</source>
        <translation>puntos</translation>
    </message>
    <message>
        <source>stamps and points</source>
        <translation>sellos y puntos</translation>
    </message>
    <message>
        <source>Card created</source>
        <translation>Tarjeta creada</translation>
    </message>
    <message>
        <source>The customer scans this code to add the card to their phone&apos;s wallet.</source>
        <translation>El cliente escanea este código para añadir la tarjeta a la cartera de su móvil.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sin nombre</translation>
    </message>
    <message>
        <source>This code is the card: the customer shows it at the counter.</source>
        <translation>Este código es la tarjeta: el cliente lo enseña en caja.</translation>
    </message>
</context>
<context>
    <name>FindCustomerDialog</name>
    <message>
        <source>Find a customer</source>
        <translation>Buscar cliente</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>Teléfono, correo o nombre</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>Sin nombre</translation>
    </message>
    <message numerus="yes">
        <source>%n found: confirm with the customer, then pick the card</source>
        <translation>
            <numerusform>%n resultado: confírmelo con el cliente y elija la tarjeta</numerusform>
            <numerusform>%n resultados: confírmelo con el cliente y elija la tarjeta</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>No se ha encontrado a nadie</translation>
    </message>
    <message>
        <source>{found} (offline: this terminal&apos;s customers only)</source>
        <translation>{found} (sin conexión: solo clientes de este terminal)</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>Welcome to the loyalty terminal</source>
        <translation>Bienvenido al terminal de fidelización</translation>
    </message>
    <message>
        <source>This terminal has no database yet. Pair it with your loyalty server using the one-time code from the back office, or try it with a demo shop.</source>
        <translation>Este terminal aún no tiene base de datos. Vincúlelo con su servidor de fidelización usando el código de un solo uso de la oficina, o pruébelo con una tienda de demostración.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://fidelizacion.example.com</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Código de un solo uso</translation>
    </message>
    <message>
        <source>Pair with the server</source>
        <translation>Vincular con el servidor</translation>
    </message>
    <message>
        <source>Pair with a server</source>
        <translation>Vincular con un servidor</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Terminal name</source>
        <translation>Nombre del terminal</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Probar la demo</translation>
    </message>
    <message>
        <source>A coffee shop with a stamp card and a bakery with points, two staff (Alex, PIN 1234, cashier; Sam, PIN 9999, manager) and a demo camera showing customers&apos; cards.</source>
        <translation>Una cafetería con tarjeta de sellos y una panadería con puntos, dos empleados (Alex, PIN 1234, caja; Sam, PIN 9999, encargado) y una cámara de demostración que muestra tarjetas de clientes.</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <source>Creating the demo shop…</source>
        <translation>Creando la tienda de demostración…</translation>
    </message>
    <message>
        <source>Type the server address and the one-time code.</source>
        <translation>Escriba la dirección del servidor y el código de un solo uso.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Vinculando…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Backspace</source>
        <translation>Retroceso</translation>
    </message>
    <message>
        <source>Decimal point</source>
        <translation>Separador decimal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loyalty terminal</source>
        <translation>Terminal de fidelización</translation>
    </message>
    <message>
        <source>Locked after a while without activity.</source>
        <translation>Bloqueado tras un rato sin actividad.</translation>
    </message>
    <message>
        <source>NOT SET UP</source>
        <translation>SIN CONFIGURAR</translation>
    </message>
    <message>
        <source>No camera: scan with the handheld scanner or type the number</source>
        <translation>Sin cámara: escanee con el lector de mano o escriba el número</translation>
    </message>
    <message>
        <source>The end of day needs a manager&apos;s PIN.</source>
        <translation>El cierre del día requiere el PIN del encargado.</translation>
    </message>
    <message>
        <source>Settings need a manager&apos;s PIN.</source>
        <translation>Los ajustes requieren el PIN del encargado.</translation>
    </message>
    <message>
        <source>Changing a card needs a manager&apos;s PIN.</source>
        <translation>Cambiar una tarjeta requiere el PIN del encargado.</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>PIN del encargado</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Your staff PIN; Enter signs in</source>
        <translation>Su PIN de empleado; Intro inicia la sesión</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Encargado</translation>
    </message>
    <message>
        <source>Who is at the counter?</source>
        <translation>¿Quién está en el mostrador?</translation>
    </message>
    <message>
        <source>No manager on this terminal yet.</source>
        <translation>Todavía no hay encargado en este terminal.</translation>
    </message>
    <message>
        <source>No staff on this terminal yet: sync with the server first.</source>
        <translation>Todavía no hay empleados en este terminal: sincronice primero con el servidor.</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>Toque primero su nombre.</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return a purchase</source>
        <translation>Devolución de una compra</translation>
    </message>
    <message>
        <source>, {amount} left</source>
        <translation>, quedan {amount}</translation>
    </message>
    <message>
        <source>Amount returned, e.g. {example} (empty: all of it)</source>
        <translation>Importe devuelto, p. ej. {example} (vacío: todo)</translation>
    </message>
    <message>
        <source>Amount returned</source>
        <translation>Importe devuelto</translation>
    </message>
    <message>
        <source>Not listed? The purchase&apos;s receipt reference</source>
        <translation>¿No está en la lista? La referencia del ticket de la compra</translation>
    </message>
    <message>
        <source>Receipt reference</source>
        <translation>Referencia del ticket</translation>
    </message>
    <message>
        <source>A purchase at another counter is found by its receipt only while the server answers.</source>
        <translation>Una compra hecha en otra caja solo se encuentra por su referencia de ticket mientras el servidor responde.</translation>
    </message>
    <message>
        <source>Take points back</source>
        <translation>Retirar puntos</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
    <message>
        <source>Points by hand</source>
        <translation>Puntos a mano</translation>
    </message>
    <message>
        <source>The purchase, from this card&apos;s history at this terminal</source>
        <translation>La compra, del historial de esta tarjeta en este terminal</translation>
    </message>
    <message>
        <source>No purchase of this card at this terminal: type its receipt reference, or take points back by hand</source>
        <translation>Ninguna compra de esta tarjeta en este terminal: escriba la referencia del ticket o retire los puntos a mano</translation>
    </message>
    <message>
        <source>Pick the purchase that came back</source>
        <translation>Elija la compra devuelta</translation>
    </message>
    <message>
        <source>A receipt reference is up to {count} letters, digits, spaces and . / _ # -</source>
        <translation>Una referencia de ticket tiene hasta {count} letras, cifras, espacios y . / _ # -</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Redeem a reward</source>
        <translation>Canjear un premio</translation>
    </message>
    <message>
        <source>{points_balance} points on the card</source>
        <translation>{points_balance} puntos en la tarjeta</translation>
    </message>
    <message>
        <source>{name}  ·  {points_cost} points{short}</source>
        <translation>{name}  ·  {points_cost} puntos{short}</translation>
    </message>
    <message>
        <source>This program has no rewards to redeem.</source>
        <translation>Este programa no tiene premios que canjear.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Mostrador</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
    <message>
        <source>Stamp automatically when a stamp card is scanned</source>
        <translation>Sellar automáticamente al escanear una tarjeta de sellos</translation>
    </message>
    <message>
        <source>Sounds for success and refusal</source>
        <translation>Sonidos de éxito y de rechazo</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Lock when idle after</source>
        <translation>Bloquear tras inactividad de</translation>
    </message>
    <message>
        <source>As the computer is set</source>
        <translation>Como en el ordenador</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Archivo de registro</translation>
    </message>
    <message>
        <source>not written (the window was started without its log)</source>
        <translation>no se escribe (la ventana se inició sin su registro)</translation>
    </message>
    <message>
        <source>Demo video (no camera needed)</source>
        <translation>Vídeo de demostración (sin cámara)</translation>
    </message>
    <message>
        <source>Video file or stream URL…</source>
        <translation>Archivo de vídeo o URL de flujo…</translation>
    </message>
    <message>
        <source>No camera (handheld scanner or typing only)</source>
        <translation>Sin cámara (solo lector de mano o teclado)</translation>
    </message>
    <message>
        <source>/path/to/video.mp4 or rtsp://…</source>
        <translation>/ruta/al/video.mp4 o rtsp://…</translation>
    </message>
    <message>
        <source>Video file or stream URL</source>
        <translation>Archivo de vídeo o URL de flujo</translation>
    </message>
    <message>
        <source>Press Test and show a card to the camera.</source>
        <translation>Pulse Probar y muestre una tarjeta a la cámara.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decodificador</translation>
    </message>
    <message>
        <source>Paired with {url}</source>
        <translation>Vinculado con {url}</translation>
    </message>
    <message>
        <source>Not paired: this terminal works standalone.</source>
        <translation>Sin vincular: este terminal funciona de forma independiente.</translation>
    </message>
    <message>
        <source>https://loyalty.example.com</source>
        <translation>https://fidelizacion.example.com</translation>
    </message>
    <message>
        <source>One-time code from the server</source>
        <translation>Código de un solo uso del servidor</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Vincular</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Código de vinculación</translation>
    </message>
    <message>
        <source>No camera chosen.</source>
        <translation>No se ha elegido cámara.</translation>
    </message>
    <message>
        <source>Testing… show a card to the camera.</source>
        <translation>Probando… muestre una tarjeta a la cámara.</translation>
    </message>
    <message>
        <source>Read a card ({latency:.0f} ms)</source>
        <translation>Tarjeta leída ({latency:.0f} ms)</translation>
    </message>
    <message>
        <source>Read: {message}</source>
        <translation>Leído: {message}</translation>
    </message>
    <message>
        <source>Type the server address and the pairing code.</source>
        <translation>Escriba la dirección del servidor y el código de vinculación.</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Vinculando…</translation>
    </message>
    <message>
        <source>Paired.</source>
        <translation>Vinculado.</translation>
    </message>
    <message>
        <source>Paired. The terminal syncs in the background from now on.</source>
        <translation>Vinculado. El terminal se sincroniza en segundo plano a partir de ahora.</translation>
    </message>
    <message>
        <source>Pairing failed. {for_people}.</source>
        <translation>La vinculación falló. {for_people}.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>StampRow</name>
    <message>
        <source>{filled} of {target} stamps</source>
        <translation>{filled} de {target} sellos</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Connection to the loyalty server</source>
        <translation>Conexión con el servidor de fidelización</translation>
    </message>
    <message>
        <source>What waits to sync</source>
        <translation>Lo que espera a sincronizarse</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Who is signed in</source>
        <translation>Quién ha iniciado sesión</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Signed in: {name}</source>
        <translation>Sesión iniciada: {name}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
</context>
<context>
    <name>camera_words</name>
    <message>
        <source>Camera {index}</source>
        <translation>Cámara {index}</translation>
    </message>
    <message>
        <source>Video file {name}</source>
        <translation>Archivo de vídeo {name}</translation>
    </message>
    <message>
        <source>Stream {url}</source>
        <translation>Transmisión {url}</translation>
    </message>
    <message>
        <source>Opening {source}…</source>
        <translation>Abriendo {source}…</translation>
    </message>
    <message>
        <source>{source} is unplugged or used by another program; trying again in {seconds} s</source>
        <translation>{source} está desconectada o la usa otro programa; se reintentará en {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be opened; trying again in {seconds} s</source>
        <translation>No se puede abrir {source}; se reintentará en {seconds} s</translation>
    </message>
    <message>
        <source>{source} cannot be reached; trying again in {seconds} s</source>
        <translation>No se puede conectar con {source}; se reintentará en {seconds} s</translation>
    </message>
    <message>
        <source>{source} running at {width}×{height}, {fps} fps</source>
        <translation>{source} en marcha: {width}×{height}, {fps} fps</translation>
    </message>
    <message>
        <source>{source} stopped sending pictures; reconnecting</source>
        <translation>{source} ha dejado de enviar imágenes; reconectando</translation>
    </message>
    <message>
        <source>{source} has ended</source>
        <translation>{source} ha terminado</translation>
    </message>
    <message>
        <source>{source} is not started</source>
        <translation>No se ha iniciado {source}</translation>
    </message>
    <message>
        <source>{source} is stopped</source>
        <translation>Se ha detenido {source}</translation>
    </message>
    <message>
        <source>No camera was found. Plug one in and choose it in Settings, or scan with the handheld scanner.</source>
        <translation>No se ha encontrado ninguna cámara. Conecte una y elíjala en Ajustes, o escanee con el lector de mano.</translation>
    </message>
    <message>
        <source>This computer does not let the terminal use the camera. A manager can allow it in the computer&apos;s settings; meanwhile scan with the handheld scanner.</source>
        <translation>Este ordenador no deja que el terminal use la cámara. Un encargado puede permitirlo en los ajustes del ordenador; mientras tanto, escanee con el lector de mano.</translation>
    </message>
    <message>
        <source>The camera is in use by another program. Close that program, or scan with the handheld scanner.</source>
        <translation>Otro programa está usando la cámara. Ciérrelo, o escanee con el lector de mano.</translation>
    </message>
    <message>
        <source>The camera software is missing on this computer: the terminal must be reinstalled. Meanwhile scan with the handheld scanner.</source>
        <translation>Falta el software de la cámara en este ordenador: hay que reinstalar el terminal. Mientras tanto, escanee con el lector de mano.</translation>
    </message>
    <message>
        <source>The decoder chosen in Settings cannot run on this computer. Choose “auto” as the decoder in Settings, on the Camera tab.</source>
        <translation>El decodificador elegido en Ajustes no puede funcionar en este ordenador. Elija el decodificador «auto» en Ajustes, pestaña Cámara.</translation>
    </message>
    <message>
        <source>The camera cannot start (the details are in the log). Scan with the handheld scanner or type the number, and tell a manager.</source>
        <translation>La cámara no puede arrancar (los detalles están en el registro). Escanee con el lector de mano o escriba el número, y avise al encargado.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the disk is full. Free some space, or choose a camera in Settings.</source>
        <translation>No se puede crear el vídeo de demostración: el disco está lleno. Libere espacio, o elija una cámara en Ajustes.</translation>
    </message>
    <message>
        <source>The demo video cannot be made: the terminal may not write its file on this computer. Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>No se puede crear el vídeo de demostración: el terminal no tiene permiso para escribir su archivo en este ordenador. Elija una cámara en Ajustes, o escanee con el lector de mano.</translation>
    </message>
    <message>
        <source>The demo video cannot be made (the details are in the log). Choose a camera in Settings, or scan with the handheld scanner.</source>
        <translation>No se puede crear el vídeo de demostración (los detalles están en el registro). Elija una cámara en Ajustes, o escanee con el lector de mano.</translation>
    </message>
</context>
<context>
    <name>error_words</name>
    <message>
        <source>The server cannot be reached: check the address and the network, then try again</source>
        <translation>No se puede contactar con el servidor: compruebe la dirección y la red, y vuelva a intentarlo</translation>
    </message>
    <message>
        <source>The server refused: the pairing code is wrong, used or expired, or this terminal was revoked</source>
        <translation>El servidor lo rechazó: el código de vinculación es incorrecto, ya se usó o caducó, o este terminal fue revocado</translation>
    </message>
    <message>
        <source>Another sync of this terminal is running: try again in a moment</source>
        <translation>Ya hay otra sincronización de este terminal en curso: vuelva a intentarlo en un momento</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood: ask for the terminal to be updated</source>
        <translation>No se entendió la respuesta del servidor: pida que actualicen el terminal</translation>
    </message>
    <message>
        <source>This customer already has card {number}.</source>
        <translation>Este cliente ya tiene la tarjeta {number}.</translation>
    </message>
    <message>
        <source>“{url}” is not a server address (http://… or https://…)</source>
        <translation>«{url}» no es una dirección de servidor (http://… o https://…)</translation>
    </message>
    <message>
        <source>There is no card {number} on this terminal.</source>
        <translation>No hay ninguna tarjeta {number} en este terminal.</translation>
    </message>
    <message>
        <source>That card is no longer on this terminal.</source>
        <translation>Esa tarjeta ya no está en este terminal.</translation>
    </message>
    <message>
        <source>This terminal&apos;s database cannot be used just now, so nothing was saved: tell a manager (the details are in the log)</source>
        <translation>La base de datos de este terminal no se puede usar ahora, así que no se ha guardado nada: avise al encargado (los detalles están en el registro)</translation>
    </message>
    <message>
        <source>the system refused</source>
        <translation>el sistema lo rechazó</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>No se pudo escribir el archivo: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong here; it is in the log. Try again, or lock and sign in again</source>
        <translation>Algo ha fallado aquí; consta en el registro. Vuelva a intentarlo, o bloquee e inicie sesión de nuevo</translation>
    </message>
    <message>
        <source>There is no journal entry {seq} on this terminal.</source>
        <translation>No hay ningún movimiento {seq} en este terminal.</translation>
    </message>
    <message>
        <source>The loyalty program {program} is not on this terminal: sync with the server, then try again.</source>
        <translation>El programa de fidelidad {program} no está en este terminal: sincronice con el servidor y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The cards were not merged, nothing changed: {reason}</source>
        <translation>Las tarjetas no se han unido, no ha cambiado nada: {reason}</translation>
    </message>
    <message>
        <source>This terminal has no loyalty program yet: sync with the server first.</source>
        <translation>Este terminal aún no tiene ningún programa de fidelidad: sincronice primero con el servidor.</translation>
    </message>
    <message>
        <source>Choose a loyalty program: {programs}</source>
        <translation>Elija un programa de fidelidad: {programs}</translation>
    </message>
    <message>
        <source>There is no loyalty program {program} here; the programs here: {programs}</source>
        <translation>Aquí no hay ningún programa de fidelidad {program}; los programas de aquí: {programs}</translation>
    </message>
    <message>
        <source>This terminal belongs to {mine}, the pairing code to {theirs}: pair it with a new terminal database.</source>
        <translation>Este terminal pertenece a {mine} y el código de vinculación a {theirs}: vincúlelo a una nueva base de datos de terminal.</translation>
    </message>
    <message>
        <source>{path} is already a terminal database; nothing changed.</source>
        <translation>{path} ya es una base de datos de terminal; no ha cambiado nada.</translation>
    </message>
    <message>
        <source>The built-in demo server could not be prepared ({command}): {detail}</source>
        <translation>No se ha podido preparar el servidor de demostración integrado ({command}): {detail}</translation>
    </message>
    <message>
        <source>The demo server in {folder} holds other demo cards than this version shows: remove that folder to start the demo afresh.</source>
        <translation>El servidor de demostración de {folder} tiene otras tarjetas de demostración que las de esta versión: borre esa carpeta para empezar la demostración de nuevo.</translation>
    </message>
    <message>
        <source>The built-in demo server stopped as it started ({detail}); the details are in {log}</source>
        <translation>El servidor de demostración integrado se detuvo al arrancar ({detail}); los detalles están en {log}</translation>
    </message>
    <message>
        <source>The built-in demo server did not start within {seconds} s; the details are in {log}</source>
        <translation>El servidor de demostración integrado no arrancó en {seconds} s; los detalles están en {log}</translation>
    </message>
    <message>
        <source>The demo terminal {db} is paired with another server than the one in {folder}: remove {db} to pair it afresh.</source>
        <translation>El terminal de demostración {db} está vinculado a otro servidor distinto del de {folder}: borre {db} para volver a vincularlo.</translation>
    </message>
    <message>
        <source>Offline - the server cannot be reached; stamps are saved here and will sync</source>
        <translation>Sin conexión: no se puede contactar con el servidor; los sellos se guardan aquí y se sincronizarán</translation>
    </message>
    <message>
        <source>Sync stopped - the server refused this terminal; a manager must pair it again (Settings, Server)</source>
        <translation>Sincronización detenida: el servidor rechazó este terminal; un encargado debe volver a vincularlo (Ajustes, Servidor)</translation>
    </message>
    <message>
        <source>Sync stopped - the server and this terminal do not understand each other; stamps are saved here; ask for the terminal to be updated</source>
        <translation>Sincronización detenida: el servidor y este terminal no se entienden; los sellos se guardan aquí; pida que actualicen el terminal</translation>
    </message>
    <message>
        <source>Type the amount, like {example}</source>
        <translation>Escriba el importe, p. ej. {example}</translation>
    </message>
    <message>
        <source>“{typed}” has too many decimals: type it like {example}</source>
        <translation>«{typed}» tiene demasiados decimales: escríbalo como {example}</translation>
    </message>
    <message>
        <source>The amount must be more than zero</source>
        <translation>El importe debe ser mayor que cero</translation>
    </message>
    <message>
        <source>The amount is over the limit of {limit}</source>
        <translation>El importe supera el límite de {limit}</translation>
    </message>
    <message>
        <source>“{typed}” is not an amount: type it like {example}</source>
        <translation>«{typed}» no es un importe: escríbalo como {example}</translation>
    </message>
    <message>
        <source>“{typed}” is not a phone number (6 to 20 digits)</source>
        <translation>«{typed}» no es un número de teléfono (de 6 a 20 dígitos)</translation>
    </message>
    <message>
        <source>“{typed}” is not an e-mail address</source>
        <translation>«{typed}» no es una dirección de correo</translation>
    </message>
    <message>
        <source>Type a phone number, an e-mail address or a name</source>
        <translation>Escriba un teléfono, un correo o un nombre</translation>
    </message>
    <message>
        <source>{name} is locked out for {minutes} more</source>
        <translation>{name} está bloqueado {minutes} más</translation>
    </message>
    <message>
        <source>{name} is not a manager: a manager&apos;s PIN is needed</source>
        <translation>{name} no es encargado: hace falta el PIN de un encargado</translation>
    </message>
    <message>
        <source>wrong PIN; {name} is now locked out for {minutes}</source>
        <translation>PIN incorrecto; {name} queda bloqueado durante {minutes}</translation>
    </message>
    <message>
        <source>unknown staff member or wrong PIN</source>
        <translation>Empleado desconocido o PIN incorrecto</translation>
    </message>
</context>
<context>
    <name>keypad</name>
    <message>
        <source>type a whole number of points, more than zero</source>
        <translation>escriba un número entero de puntos, mayor que cero</translation>
    </message>
</context>
<context>
    <name>outcome_text</name>
    <message>
        <source>Provisional stamp added: the server adds it to the card at the next sync</source>
        <translation>Sello provisional añadido: el servidor lo añadirá a la tarjeta en la próxima sincronización</translation>
    </message>
    <message>
        <source>Stamp added: {stamp_count} of {stamps_target}</source>
        <translation>Sello añadido: {stamp_count} de {stamps_target}</translation>
    </message>
    <message>
        <source> · {reward} is ready!</source>
        <translation> · ¡{reward} listo!</translation>
    </message>
    <message>
        <source>Reward given: {stamp_reward}</source>
        <translation>Premio entregado: {stamp_reward}</translation>
    </message>
    <message>
        <source>Card deactivated: it works nowhere until a manager reactivates it</source>
        <translation>Tarjeta desactivada: no funciona en ningún sitio hasta que un encargado la reactive</translation>
    </message>
    <message>
        <source>Card active again</source>
        <translation>Tarjeta activa de nuevo</translation>
    </message>
    <message>
        <source>New card {number}: balances carried; the old card now says it was replaced</source>
        <translation>Nueva tarjeta {number}: saldos traspasados; la antigua figura ahora como sustituida</translation>
    </message>
    <message>
        <source>Adjusted · balance {points}, {stamps}</source>
        <translation>Ajustado · saldo {points}, {stamps}</translation>
    </message>
    <message>
        <source>Cards merged: this card now has {points} and {stamps}; the other one is no longer active</source>
        <translation>Tarjetas unidas: esta tarjeta tiene ahora {points} y {stamps}; la otra ya no está activa</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>report_document</name>
    <message>
        <source>Entries</source>
        <translation>Operaciones</translation>
    </message>
    <message>
        <source>Stamps asked</source>
        <translation>Sellos solicitados</translation>
    </message>
    <message>
        <source>Points asked</source>
        <translation>Puntos solicitados</translation>
    </message>
    <message>
        <source>Stamps applied</source>
        <translation>Sellos aplicados</translation>
    </message>
    <message>
        <source>Points applied</source>
        <translation>Puntos aplicados</translation>
    </message>
    <message>
        <source>Standalone terminal: the report is this terminal&apos;s own journal.</source>
        <translation>Terminal independiente: el informe es el propio diario de este terminal.</translation>
    </message>
    <message>
        <source>Synced with the server just now.</source>
        <translation>Sincronizado con el servidor hace un momento.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The sync did not complete&lt;/b&gt;: figures include entries the server has not confirmed yet.</source>
        <translation>&lt;b&gt;La sincronización no terminó&lt;/b&gt;: las cifras incluyen operaciones que el servidor aún no ha confirmado.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>End of day {day}</source>
        <translation>Cierre del día {day}</translation>
    </message>
    <message>
        <source>{terminal} · closed by {manager}</source>
        <translation>{terminal} · cerrado por {manager}</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>Por tipo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>By staff</source>
        <translation>Por empleado</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Asked: by this terminal. Applied: by the server, in the entries it answered.</source>
        <translation>Solicitado: por este terminal. Aplicado: por el servidor, en las operaciones que ha respondido.</translation>
    </message>
    <message>
        <source>No entries today.</source>
        <translation>Hoy no hay operaciones.</translation>
    </message>
    <message>
        <source>Server answers</source>
        <translation>Respuestas del servidor</translation>
    </message>
    <message>
        <source>Refused or changed by the server</source>
        <translation>Rechazado o cambiado por el servidor</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Asked → applied</source>
        <translation>Solicitado → aplicado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Nothing was refused or changed by the server.</source>
        <translation>El servidor no rechazó ni cambió nada.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
</context>
<context>
    <name>status_bar</name>
    <message>
        <source>not paired with a server · {journal} in this terminal&apos;s journal</source>
        <translation>sin vincular a un servidor · {journal} en el diario de este terminal</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nada pendiente</translation>
    </message>
    <message>
        <source>last sync </source>
        <translation>última sincronización </translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizado</translation>
    </message>
    <message>
        <source>the server revoked this terminal: a manager must pair it again</source>
        <translation>el servidor ha revocado este terminal: un encargado debe vincularlo de nuevo</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>New cards</source>
        <translation>Tarjetas nuevas</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>Sellos</translation>
    </message>
    <message>
        <source>Stamp rewards</source>
        <translation>Premios por sellos</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Puntos sumados</translation>
    </message>
    <message>
        <source>Points rewards</source>
        <translation>Premios por puntos</translation>
    </message>
    <message>
        <source>Voids / returns</source>
        <translation>Anulaciones / devoluciones</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Puntos caducados</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Deshecho</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>pendiente de envío</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>enviada, aún sin respuesta</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptada</translation>
    </message>
    <message>
        <source>already on the server</source>
        <translation>ya en el servidor</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>changed by the server</source>
        <translation>cambiada por el servidor</translation>
    </message>
    <message>
        <source>ONLINE</source>
        <translation>EN LÍNEA</translation>
    </message>
    <message>
        <source>SYNCING</source>
        <translation>SINCRONIZANDO</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>SIN CONEXIÓN</translation>
    </message>
    <message>
        <source>SYNC ERROR</source>
        <translation>ERROR DE SINCRONIZACIÓN</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>REVOCADO</translation>
    </message>
    <message>
        <source>STANDALONE</source>
        <translation>INDEPENDIENTE</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>caja</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>encargado</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>{stamps:+d} stamps</source>
        <translation>{stamps:+d} sellos</translation>
    </message>
    <message>
        <source>{points:+d} points</source>
        <translation>{points:+d} puntos</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>no entries</source>
        <translation>ninguna operación</translation>
    </message>
    <message>
        <source>{entries} {status}</source>
        <translation>{entries}: {status}</translation>
    </message>
    <message>
        <source>The card is no longer active.</source>
        <translation>La tarjeta ya no está activa.</translation>
    </message>
    <message>
        <source>The server does not know this card.</source>
        <translation>El servidor no conoce esta tarjeta.</translation>
    </message>
    <message>
        <source>The card&apos;s program does not collect this.</source>
        <translation>El programa de la tarjeta no acumula esto.</translation>
    </message>
    <message>
        <source>This card only works at the store it was made in.</source>
        <translation>Esta tarjeta solo funciona en la tienda donde se creó.</translation>
    </message>
    <message>
        <source>Stamped too soon after the card&apos;s last stamp.</source>
        <translation>Sellada demasiado pronto tras el último sello de la tarjeta.</translation>
    </message>
    <message>
        <source>The card&apos;s daily stamp limit was already reached.</source>
        <translation>La tarjeta ya había alcanzado su límite diario de sellos.</translation>
    </message>
    <message>
        <source>Not enough stamps on the card for the reward.</source>
        <translation>No hay sellos suficientes en la tarjeta para el premio.</translation>
    </message>
    <message>
        <source>Not enough points on the card for the reward.</source>
        <translation>No hay puntos suficientes en la tarjeta para el premio.</translation>
    </message>
    <message>
        <source>The program has no such reward.</source>
        <translation>El programa no tiene ese premio.</translation>
    </message>
    <message>
        <source>The amount is outside what the program allows.</source>
        <translation>El importe está fuera de lo que permite el programa.</translation>
    </message>
    <message>
        <source>There were no points to expire.</source>
        <translation>No había puntos que caducar.</translation>
    </message>
    <message>
        <source>Over the limit for a terminal that is offline.</source>
        <translation>Por encima del límite para un terminal sin conexión.</translation>
    </message>
    <message>
        <source>The customer already has a card.</source>
        <translation>El cliente ya tiene una tarjeta.</translation>
    </message>
    <message>
        <source>The entry could not be undone.</source>
        <translation>No se pudo deshacer la operación.</translation>
    </message>
    <message>
        <source>The terminal&apos;s clock was too far from the server&apos;s.</source>
        <translation>El reloj del terminal estaba demasiado desfasado respecto al del servidor.</translation>
    </message>
    <message>
        <source>This card is active already.</source>
        <translation>Esta tarjeta ya está activa.</translation>
    </message>
    <message>
        <source>That purchase is not on this card.</source>
        <translation>Esa compra no está en esta tarjeta.</translation>
    </message>
    <message>
        <source>That purchase has nothing left to return.</source>
        <translation>De esa compra no queda nada por devolver.</translation>
    </message>
    <message>
        <source>These cards belong to two different customers.</source>
        <translation>Estas tarjetas son de dos clientes distintos.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Stamped recently: next stamp in {minutes}.</source>
        <translation>Sellada hace poco: próximo sello dentro de {minutes}.</translation>
    </message>
    <message>
        <source>Daily limit of {cap} reached ({today} given today).</source>
        <translation>Límite diario de {cap} alcanzado ({today} dados hoy).</translation>
    </message>
    <message>
        <source>Not enough stamps: {count} of {target}, {missing} to go.</source>
        <translation>No hay sellos suficientes: {count} de {target}, faltan {missing}.</translation>
    </message>
    <message>
        <source>{reward} costs {cost}; the card has {balance}.</source>
        <translation>{reward} cuesta {cost}; la tarjeta tiene {balance}.</translation>
    </message>
    <message>
        <source>{program} does not collect stamps.</source>
        <translation>{program} no acumula sellos.</translation>
    </message>
    <message>
        <source>{program} does not collect points.</source>
        <translation>{program} no acumula puntos.</translation>
    </message>
    <message>
        <source>That purchase was returned in full already.</source>
        <translation>Esa compra ya se devolvió entera.</translation>
    </message>
    <message>
        <source>That return takes back no points.</source>
        <translation>Esta devolución no retira ningún punto.</translation>
    </message>
    <message>
        <source>At most {left} of that purchase can come back (bought {bought}).</source>
        <translation>De esa compra se pueden devolver como máximo {left} (comprado: {bought}).</translation>
    </message>
    <message>
        <source>No purchase of this card has receipt {receipt}, here or on the server.</source>
        <translation>Ninguna compra de esta tarjeta tiene la referencia de ticket {receipt}, ni aquí ni en el servidor.</translation>
    </message>
    <message>
        <source>Server not reached: only this terminal&apos;s own purchases are found by receipt. Try again, or pick from the list.</source>
        <translation>Servidor no disponible: por la referencia del ticket solo se encuentran las compras de este terminal. Vuelva a intentarlo o elija de la lista.</translation>
    </message>
    <message>
        <source>No purchase here has receipt {receipt}, and this terminal has no server to ask.</source>
        <translation>Ninguna compra de aquí tiene la referencia de ticket {receipt}, y este terminal no tiene servidor al que preguntar.</translation>
    </message>
    <message>
        <source>A card cannot be merged into itself.</source>
        <translation>Una tarjeta no se puede unir consigo misma.</translation>
    </message>
    <message>
        <source>That merge gives nothing to take.</source>
        <translation>Esta unión no aporta nada que traspasar.</translation>
    </message>
    <message>
        <source>Only cards of one program can merge.</source>
        <translation>Solo se pueden unir tarjetas del mismo programa.</translation>
    </message>
    <message>
        <source>The card that stays is not active.</source>
        <translation>La tarjeta que se queda no está activa.</translation>
    </message>
    <message>
        <source>This card is already inactive.</source>
        <translation>Esta tarjeta ya está desactivada.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {max} characters).</source>
        <translation>El motivo es demasiado largo (máximo {max} caracteres).</translation>
    </message>
    <message>
        <source>An adjustment needs a reason (at most {max} characters).</source>
        <translation>Un ajuste requiere un motivo (máximo {max} caracteres).</translation>
    </message>
    <message>
        <source>A new card needs a new number and code.</source>
        <translation>Una tarjeta nueva necesita un número y un código nuevos.</translation>
    </message>
    <message>
        <source>An adjustment changes points or stamps.</source>
        <translation>Un ajuste debe cambiar puntos o sellos.</translation>
    </message>
    <message>
        <source>That adjustment is too large.</source>
        <translation>Ese ajuste es demasiado grande.</translation>
    </message>
    <message>
        <source>The card has {balance}; it cannot lose {lose}.</source>
        <translation>La tarjeta tiene {balance}; no puede perder {lose}.</translation>
    </message>
    <message>
        <source>Never synced with the server yet: redemptions wait for the first sync.</source>
        <translation>Aún sin sincronizar con el servidor: los canjes esperan a la primera sincronización.</translation>
    </message>
    <message>
        <source>Not synced for too long: redemptions are stopped until the terminal syncs.</source>
        <translation>Demasiado tiempo sin sincronizar: los canjes están parados hasta que el terminal sincronice.</translation>
    </message>
    <message>
        <source>Not synced for {hours}: redemptions stop at {stop}.</source>
        <translation>Sin sincronizar desde hace {hours}: los canjes se paran al llegar a {stop}.</translation>
    </message>
    <message>
        <source>The terminal clock jumped; using the last trusted time instead.</source>
        <translation>El reloj del terminal ha saltado; se usa la última hora fiable.</translation>
    </message>
    <message>
        <source>The terminal clock is off by {minutes}; using the server&apos;s time.</source>
        <translation>El reloj del terminal va desfasado {minutes}; se usa la hora del servidor.</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>recibiendo</translation>
    </message>
    <message>
        <source>✗  This card is not a card of this shop (the server does not know it)</source>
        <translation>✗  Esta tarjeta no es de esta tienda (el servidor no la conoce)</translation>
    </message>
    <message>
        <source>✗  No card {number} on this terminal</source>
        <translation>✗  No hay ninguna tarjeta {number} en este terminal</translation>
    </message>
    <message>
        <source>✗  This card is not known on this terminal (yet)</source>
        <translation>✗  Esta tarjeta no se conoce (todavía) en este terminal</translation>
    </message>
    <message>
        <source>The code was empty; please scan again</source>
        <translation>El código estaba vacío; vuelva a escanear</translation>
    </message>
    <message>
        <source>This code holds far too much data to be a loyalty card</source>
        <translation>Este código contiene demasiados datos para ser una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This code holds binary data, not a loyalty card</source>
        <translation>Este código contiene datos binarios, no una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This code contains unreadable characters</source>
        <translation>Este código contiene caracteres ilegibles</translation>
    </message>
    <message>
        <source>This is a Wi-Fi code, not a loyalty card</source>
        <translation>Es un código wifi, no una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This is a contact card, not a loyalty card</source>
        <translation>Es una tarjeta de contacto, no una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This is an e-mail code, not a loyalty card</source>
        <translation>Es un código de correo electrónico, no una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This is a phone or text-message code, not a loyalty card</source>
        <translation>Es un código de teléfono o SMS, no una tarjeta de fidelización</translation>
    </message>
    <message>
        <source>This link is not secure (https), so it is not accepted</source>
        <translation>Este enlace no es seguro (https), así que no se acepta</translation>
    </message>
    <message>
        <source>This link is not a loyalty card of this shop</source>
        <translation>Este enlace no es una tarjeta de fidelización de esta tienda</translation>
    </message>
    <message>
        <source>This link is from this shop but names no card</source>
        <translation>Este enlace es de esta tienda pero no indica ninguna tarjeta</translation>
    </message>
    <message>
        <source>This code is not a loyalty card of this shop</source>
        <translation>Este código no es una tarjeta de fidelización de esta tienda</translation>
    </message>
</context>
</TS>
